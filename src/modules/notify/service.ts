import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/database/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { linkToken } from '../../platform/link-token.js';
import type { CatalogService } from '../catalog/index.js';
import type { MarketService } from '../markets/index.js';
import type { OutboxService } from '../outbox/index.js';
import type { ReadinessService } from '../readiness/index.js';
import { CONSENT_TEXT } from './consent.js';
import { notifyRequests } from './tables.js';

// Notify-me: a visitor asks to hear when a product becomes sellable in a market. The counts are
// launch planning's demand signal; the email goes out once, when the verdict opens.

export interface Demand {
  product: { id: string; slug: string; name: string };
  market: string;
  waiting: number;
  notified: number;
}

export class NotifyService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly markets: MarketService,
    private readonly catalog: CatalogService,
    private readonly readiness: ReadinessService,
    private readonly outbox: OutboxService,
    private readonly publicUrl: string,
  ) {}

  /**
   * Records a request. Asking twice with the same email changes nothing and answers the same, so
   * the answer tells nobody whether an address had asked before.
   */
  async request(marketCode: string, slug: string, input: { email: string; consent: boolean }): Promise<void> {
    if (!input.consent) throw ValidationError.field('consent', 'must be given to be emailed');
    const market = await this.markets.get(marketCode);
    const product = await this.catalog.getProduct(slug);
    if ((await this.readiness.verdict(market, product)).sellable) {
      throw new ConflictError(`${product.name} can be bought in ${market.name} now`, 'product');
    }
    await this.db
      .insert(notifyRequests)
      .values({
        productId: product.id,
        marketCode: market.code,
        email: input.email.trim(),
        consent: CONSENT_TEXT,
        token: linkToken(),
        createdAt: this.clock.now(),
      })
      .onConflictDoNothing();
  }

  async unsubscribe(token: string): Promise<void> {
    const rows = await this.db
      .update(notifyRequests)
      .set({
        unsubscribedAt: sql`coalesce(${notifyRequests.unsubscribedAt}, ${this.clock.now().toISOString()}::timestamptz)`,
      })
      .where(eq(notifyRequests.token, token))
      .returning({ id: notifyRequests.id });
    if (rows.length === 0) throw new NotFoundError('No such notification request (the link may be incomplete)');
  }

  /** Requests per product and market, waiting and already notified: what shoppers are asking for. */
  async demand(): Promise<Demand[]> {
    const rows = await this.db
      .select({
        productId: notifyRequests.productId,
        market: notifyRequests.marketCode,
        notified: sql<boolean>`${notifyRequests.notifiedAt} is not null`,
        n: count(),
      })
      .from(notifyRequests)
      .where(isNull(notifyRequests.unsubscribedAt))
      .groupBy(notifyRequests.productId, notifyRequests.marketCode, sql`${notifyRequests.notifiedAt} is not null`);
    const products = new Map(
      (await this.catalog.productsByIds([...new Set(rows.map((r) => r.productId))])).map((p) => [p.id, p]),
    );
    const byKey = new Map<string, Demand>();
    for (const row of rows) {
      const product = products.get(row.productId);
      if (!product) continue;
      const key = `${row.productId} ${row.market}`;
      const entry = byKey.get(key) ?? {
        product: { id: product.id, slug: product.slug, name: product.name },
        market: row.market,
        waiting: 0,
        notified: 0,
      };
      if (row.notified) entry.notified += Number(row.n);
      else entry.waiting += Number(row.n);
      byKey.set(key, entry);
    }
    return [...byKey.values()].sort((a, b) => b.waiting - a.waiting || a.product.name.localeCompare(b.product.name));
  }

  /**
   * Emails everyone waiting for a product that has become sellable in their market. Marking a
   * request notified and queuing its email commit together, and the mark is conditional, so each
   * request is emailed once, however many instances run this.
   */
  async sendDue(): Promise<number> {
    const pending = await this.db
      .selectDistinct({ productId: notifyRequests.productId, market: notifyRequests.marketCode })
      .from(notifyRequests)
      .where(and(isNull(notifyRequests.notifiedAt), isNull(notifyRequests.unsubscribedAt)));
    let sent = 0;
    for (const code of new Set(pending.map((p) => p.market))) {
      const market = await this.markets.get(code);
      const ids = pending.filter((p) => p.market === code).map((p) => p.productId);
      const products = await this.catalog.productsByIds(ids);
      const { verdicts } = await this.readiness.evaluate(market, products);
      for (const product of products.filter((p) => verdicts.get(p.id)?.sellable)) {
        sent += await this.db.transaction(async (tx) => {
          const now = this.clock.now();
          const due = await tx
            .update(notifyRequests)
            .set({ notifiedAt: now })
            .where(
              and(
                eq(notifyRequests.productId, product.id),
                eq(notifyRequests.marketCode, market.code),
                isNull(notifyRequests.notifiedAt),
                isNull(notifyRequests.unsubscribedAt),
              ),
            )
            .returning({ email: notifyRequests.email, token: notifyRequests.token });
          for (const { email, token } of due) {
            const page = `${this.publicUrl}/${market.code.toLowerCase()}/products/${product.slug}`;
            await this.outbox.queue(
              tx,
              {
                kind: 'notify-me',
                to: email,
                subject: `${product.name} is now available in ${market.name}`,
                about: { product: product.slug, market: market.code },
                text: [
                  `You asked us to tell you when ${product.name} could be bought in ${market.name}. It can now:`,
                  page,
                  '',
                  'This is the only message we send about it.',
                  `Unsubscribe: ${this.publicUrl}/unsubscribe?token=${token}`,
                ].join('\n'),
              },
              now,
            );
          }
          return due.length;
        });
      }
    }
    return sent;
  }
}
