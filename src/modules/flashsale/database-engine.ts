import { and, eq, gt, isNotNull, lte, sql } from 'drizzle-orm';
import { uniqueViolation } from '../../platform/database/errors.js';
import type { Database } from '../../platform/database/index.js';
import { groupBy } from '../../platform/group.js';
import type { AdmissionEngine, AdmissionResult, AdmitRequest } from './engine.js';
import { type Counts, countsOf, type SaleTerms } from './sale.js';
import { flashSaleAdmissions, flashSaleBuyers, flashSaleRegistrations, flashSales } from './tables.js';

// Admission in the database: one short transaction per attempt, whose conditional updates take
// the buyer's row, then the sale's, always in that order (expiry too), so concurrent attempts
// and expiries queue on a row lock instead of deadlocking, and a refused attempt rolls back
// whatever it counted (test/integration/flashsale-locks.test.ts shows the order on PostgreSQL).

class Refused extends Error {
  constructor(readonly result: AdmissionResult & { admitted: false }) {
    super(result.refusal.kind);
  }
}

export class DatabaseEngine implements AdmissionEngine {
  readonly name = 'database';

  constructor(private readonly db: Database) {}

  // The sale's row is the engine's state: nothing to prepare, and registrations are rows.
  async prepare(): Promise<void> {}
  async registered(): Promise<void> {}

  async admit(request: AdmitRequest): Promise<AdmissionResult> {
    const { sale, email } = request;
    if (request.idempotencyKey) {
      const earlier = await this.byKey(sale.id, email, request.idempotencyKey);
      if (earlier) return { admitted: true, admission: earlier };
    }
    if (sale.registrationRequired && !(await this.isRegistered(sale.id, email, request.registrationHash))) {
      return { admitted: false, refusal: { kind: 'not-registered' } };
    }
    const heldUntil = new Date(request.at.getTime() + sale.paymentWindowSeconds * 1000);
    try {
      return await this.db.transaction(async (tx) => {
        const buyer = await tx
          .insert(flashSaleBuyers)
          .values({ saleId: sale.id, email, admitted: 1 })
          .onConflictDoUpdate({
            target: [flashSaleBuyers.saleId, flashSaleBuyers.email],
            set: { admitted: sql`${flashSaleBuyers.admitted} + 1` },
            setWhere: sql`${flashSaleBuyers.admitted} < ${sale.perCustomerLimit}`,
          })
          .returning({ admitted: flashSaleBuyers.admitted });
        if (buyer.length === 0) {
          throw new Refused({ admitted: false, refusal: { kind: 'limit', limit: sale.perCustomerLimit } });
        }
        const unit = await tx
          .update(flashSales)
          .set({ held: sql`${flashSales.held} + 1` })
          .where(and(eq(flashSales.id, sale.id), sql`${flashSales.held} + ${flashSales.sold} < ${flashSales.quantity}`))
          .returning({ id: flashSales.id });
        if (unit.length === 0) throw new Refused({ admitted: false, refusal: { kind: 'sold-out' } });
        await tx.insert(flashSaleAdmissions).values({
          id: request.admissionId,
          saleId: sale.id,
          email,
          idempotencyKey: request.idempotencyKey ?? null,
          admittedAt: request.at,
          heldUntil,
        });
        return {
          admitted: true as const,
          admission: { id: request.admissionId, saleId: sale.id, email, admittedAt: request.at, heldUntil },
        };
      });
    } catch (error) {
      if (error instanceof Refused) return error.result;
      // Two attempts with the same key at once: the second meets the first's unique index.
      if (request.idempotencyKey && uniqueViolation(error) === 'flash_sale_admissions_key_idx') {
        const earlier = await this.byKey(sale.id, email, request.idempotencyKey);
        if (earlier) return { admitted: true, admission: earlier };
      }
      throw error;
    }
  }

  async admittedKeys(saleId: string): Promise<Set<string>> {
    const rows = await this.db
      .select({ key: flashSaleAdmissions.idempotencyKey })
      .from(flashSaleAdmissions)
      .where(and(eq(flashSaleAdmissions.saleId, saleId), isNotNull(flashSaleAdmissions.idempotencyKey)));
    return new Set(rows.map((r) => r.key!));
  }

  async settle(saleId: string, admissionId: string, orderId: string, at: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const paid = await tx
        .update(flashSaleAdmissions)
        .set({ state: 'paid', orderId, settledAt: at })
        .where(
          and(
            eq(flashSaleAdmissions.id, admissionId),
            eq(flashSaleAdmissions.saleId, saleId),
            eq(flashSaleAdmissions.state, 'held'),
            gt(flashSaleAdmissions.heldUntil, at),
          ),
        )
        .returning({ id: flashSaleAdmissions.id });
      if (paid.length === 0) {
        const [row] = await tx
          .select({ state: flashSaleAdmissions.state, orderId: flashSaleAdmissions.orderId })
          .from(flashSaleAdmissions)
          .where(eq(flashSaleAdmissions.id, admissionId));
        return row?.state === 'paid' && row.orderId === orderId;
      }
      await tx
        .update(flashSales)
        .set({ held: sql`${flashSales.held} - 1`, sold: sql`${flashSales.sold} + 1` })
        .where(eq(flashSales.id, saleId));
      return true;
    });
  }

  async expire(at: Date): Promise<number> {
    return this.db.transaction(async (tx) => {
      const expired = await tx
        .update(flashSaleAdmissions)
        .set({ state: 'expired', settledAt: at })
        .where(and(eq(flashSaleAdmissions.state, 'held'), lte(flashSaleAdmissions.heldUntil, at)))
        .returning({ saleId: flashSaleAdmissions.saleId, email: flashSaleAdmissions.email });
      for (const [saleId, emails] of groupBy(expired, (e) => e.saleId)) {
        // An expired hold gives the buyer their attempt back, as it gives the unit back to the
        // pool. The buyers' rows first, then the sale's, as admit() takes them: an admission of
        // one of these buyers then waits for this transaction instead of deadlocking with it.
        for (const [email, holds] of groupBy(emails, (e) => e.email)) {
          await tx
            .update(flashSaleBuyers)
            .set({ admitted: sql`${flashSaleBuyers.admitted} - ${holds.length}` })
            .where(and(eq(flashSaleBuyers.saleId, saleId), eq(flashSaleBuyers.email, email)));
        }
        await tx
          .update(flashSales)
          .set({ held: sql`${flashSales.held} - ${emails.length}` })
          .where(eq(flashSales.id, saleId));
      }
      return expired.length;
    });
  }

  async counts(sale: SaleTerms): Promise<Counts> {
    const [row] = await this.db
      .select({ held: flashSales.held, sold: flashSales.sold })
      .from(flashSales)
      .where(eq(flashSales.id, sale.id));
    return countsOf(sale, row?.held ?? 0, row?.sold ?? 0);
  }

  async close(): Promise<void> {}

  private async byKey(saleId: string, email: string, key: string) {
    const [row] = await this.db
      .select()
      .from(flashSaleAdmissions)
      .where(
        and(
          eq(flashSaleAdmissions.saleId, saleId),
          eq(flashSaleAdmissions.email, email),
          eq(flashSaleAdmissions.idempotencyKey, key),
        ),
      );
    return row
      ? { id: row.id, saleId: row.saleId, email: row.email, admittedAt: row.admittedAt, heldUntil: row.heldUntil }
      : undefined;
  }

  private async isRegistered(saleId: string, email: string, hash: string | undefined): Promise<boolean> {
    if (!hash) return false;
    const [row] = await this.db
      .select({ verifiedAt: flashSaleRegistrations.verifiedAt })
      .from(flashSaleRegistrations)
      .where(
        and(
          eq(flashSaleRegistrations.saleId, saleId),
          eq(flashSaleRegistrations.email, email),
          eq(flashSaleRegistrations.tokenHash, hash),
        ),
      );
    return row?.verifiedAt != null;
  }
}
