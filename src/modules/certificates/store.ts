import { and, asc, eq, gt, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/database/index.js';
import { groupBy } from '../../platform/group.js';
import type { CertificateEvidence } from './evidence.js';
import type { DocumentMeta } from './schemas.js';
import { type CertificateStatus, certificateCoverage, certificateDocuments, certificates } from './tables.js';

// SQL for the certificate registry's tables, nothing else.

type CertificateRow = typeof certificates.$inferSelect;

/** A certificate as `evidenceFor` reads it: id, requirement, identifier, status, issued, expires, coverage. */
type Evidence = [
  string,
  string,
  string | null,
  CertificateStatus,
  string,
  string | null,
  Array<[string, string | null]>,
];

/** The stored fields of a certificate, as the service writes them. */
export interface CertificateValues {
  requirementCode: string;
  identifier: string | null;
  holder: string;
  issuedBy: string;
  issuedOn: string;
  expiresOn: string | null;
  status: CertificateStatus;
  notes: string;
}

export interface CoverageRef {
  productId: string;
  variantId: string | null;
}

/** A certificate as stored: coverage by ids, documents without their content. */
export interface CertificateRecord extends CertificateValues {
  id: string;
  coverage: CoverageRef[];
  documents: DocumentMeta[];
  createdAt: Date;
  updatedAt: Date;
}

export interface StoredFilter {
  requirementCode?: string | undefined;
  productId?: string | undefined;
  status?: CertificateStatus | undefined;
  /** Expires after the first day and on or before the second. */
  expiresBetween?: [string, string] | undefined;
}

export interface StoredDocument extends DocumentMeta {
  content: Buffer;
}

const documentMeta = {
  id: certificateDocuments.id,
  certificateId: certificateDocuments.certificateId,
  filename: certificateDocuments.filename,
  contentType: certificateDocuments.contentType,
  size: certificateDocuments.size,
  sha256: certificateDocuments.sha256,
  uploadedAt: certificateDocuments.uploadedAt,
};

function toValues(row: CertificateRow): CertificateValues & { id: string; createdAt: Date; updatedAt: Date } {
  return {
    id: row.id,
    requirementCode: row.requirementCode,
    identifier: row.identifier,
    holder: row.holder,
    issuedBy: row.issuedBy,
    issuedOn: row.issuedOn,
    expiresOn: row.expiresOn,
    status: row.status,
    notes: row.notes,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Coverage and document metadata for these certificates: two queries however many. */
async function withDetails(db: Executor, rows: CertificateRow[]): Promise<CertificateRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [coverage, documents] = await Promise.all([
    db
      .select()
      .from(certificateCoverage)
      .where(inArray(certificateCoverage.certificateId, ids))
      .orderBy(asc(certificateCoverage.productId), asc(certificateCoverage.variantId)),
    db
      .select(documentMeta)
      .from(certificateDocuments)
      .where(inArray(certificateDocuments.certificateId, ids))
      .orderBy(asc(certificateDocuments.uploadedAt), asc(certificateDocuments.id)),
  ]);
  const coverageOf = groupBy(coverage, (c) => c.certificateId);
  const documentsOf = groupBy(documents, (d) => d.certificateId);
  return rows.map((row) => ({
    ...toValues(row),
    coverage: (coverageOf.get(row.id) ?? []).map((c) => ({ productId: c.productId, variantId: c.variantId })),
    documents: (documentsOf.get(row.id) ?? []).map(({ certificateId: _, uploadedAt, ...meta }) => ({
      ...meta,
      uploadedAt: uploadedAt.toISOString(),
    })),
  }));
}

const ORDER = [
  asc(certificates.requirementCode),
  sql`${certificates.identifier} asc nulls last`,
  asc(certificates.issuedOn),
  asc(certificates.id),
];

export const certificateStore = {
  async list(db: Executor, filter: StoredFilter = {}): Promise<CertificateRecord[]> {
    const conditions: SQL[] = [];
    if (filter.requirementCode) conditions.push(eq(certificates.requirementCode, filter.requirementCode));
    if (filter.status) conditions.push(eq(certificates.status, filter.status));
    if (filter.productId) {
      const covering = db
        .select({ id: certificateCoverage.certificateId })
        .from(certificateCoverage)
        .where(eq(certificateCoverage.productId, filter.productId));
      conditions.push(inArray(certificates.id, covering));
    }
    if (filter.expiresBetween) {
      const [after, until] = filter.expiresBetween;
      conditions.push(gt(certificates.expiresOn, after), lte(certificates.expiresOn, until));
    }
    const rows = await db
      .select()
      .from(certificates)
      .where(and(...conditions))
      .orderBy(...ORDER);
    return withDetails(db, rows);
  },

  async find(db: Executor, id: string): Promise<CertificateRecord | undefined> {
    const rows = await db.select().from(certificates).where(eq(certificates.id, id));
    const [found] = await withDetails(db, rows);
    return found;
  },

  async findByIdentifier(db: Executor, requirementCode: string, identifier: string): Promise<string | undefined> {
    const [row] = await db
      .select({ id: certificates.id })
      .from(certificates)
      .where(and(eq(certificates.requirementCode, requirementCode), eq(certificates.identifier, identifier)));
    return row?.id;
  },

  async insert(db: Executor, values: CertificateValues, coverage: CoverageRef[]): Promise<string> {
    const [row] = await db.insert(certificates).values(values).returning({ id: certificates.id });
    await this.replaceCoverage(db, row!.id, coverage);
    return row!.id;
  },

  async update(db: Executor, id: string, values: Partial<CertificateValues>): Promise<void> {
    await db
      .update(certificates)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(certificates.id, id));
  },

  async replaceCoverage(db: Executor, id: string, coverage: CoverageRef[]): Promise<void> {
    await db.delete(certificateCoverage).where(eq(certificateCoverage.certificateId, id));
    if (coverage.length === 0) return;
    await db.insert(certificateCoverage).values(coverage.map((c) => ({ certificateId: id, ...c })));
  },

  async delete(db: Executor, id: string): Promise<boolean> {
    const rows = await db.delete(certificates).where(eq(certificates.id, id)).returning({ id: certificates.id });
    return rows.length > 0;
  },

  /** Certificates covering any of the products, coverage limited to them: one query. */
  async evidenceFor(db: Executor, productIds: string[]): Promise<CertificateEvidence[]> {
    if (productIds.length === 0) return [];
    // The ids go as one array: a list of parameters would be limited to 65,535 of them.
    const covered = db
      .select({
        certificateId: certificateCoverage.certificateId,
        coverage: sql<Array<[string, string | null]>>`json_agg(json_build_array(
          ${certificateCoverage.productId}, ${certificateCoverage.variantId}
        ) order by ${certificateCoverage.productId}, ${certificateCoverage.variantId})`.as('coverage'),
      })
      .from(certificateCoverage)
      .where(sql`${certificateCoverage.productId} = any(${sql.param(productIds)}::uuid[])`)
      .groupBy(certificateCoverage.certificateId)
      .as('covered');
    // One JSON document, not a row per certificate (nor per product covered): decoding rows is most
    // of the cost. For every certificate of 5,000 products (34,000 with 83,000 products covered) it
    // takes about half the time of a row per certificate.
    const [row] = await db
      .select({
        evidence: sql<Array<Evidence> | null>`json_agg(json_build_array(
          ${certificates.id}, ${certificates.requirementCode}, ${certificates.identifier}, ${certificates.status},
          ${certificates.issuedOn}, ${certificates.expiresOn}, ${covered.coverage}
        ) order by ${certificates.requirementCode}, ${certificates.id})`,
      })
      .from(certificates)
      .innerJoin(covered, eq(covered.certificateId, certificates.id));
    return (row?.evidence ?? []).map(([id, requirementCode, identifier, status, issuedOn, expiresOn, coverage]) => ({
      id,
      requirementCode,
      identifier,
      status,
      issuedOn,
      expiresOn,
      coverage: coverage.map(([productId, variantId]) => ({ productId, variantId })),
    }));
  },

  async insertDocument(
    db: Executor,
    certificateId: string,
    document: { filename: string; contentType: string; sha256: string; content: Buffer },
  ): Promise<DocumentMeta> {
    const [row] = await db
      .insert(certificateDocuments)
      .values({ certificateId, size: document.content.length, ...document })
      .returning(documentMeta);
    const { certificateId: _, uploadedAt, ...meta } = row!;
    return { ...meta, uploadedAt: uploadedAt.toISOString() };
  },

  async findDocument(db: Executor, certificateId: string, documentId: string): Promise<StoredDocument | undefined> {
    const [row] = await db
      .select()
      .from(certificateDocuments)
      .where(and(eq(certificateDocuments.certificateId, certificateId), eq(certificateDocuments.id, documentId)));
    if (!row) return undefined;
    const { certificateId: _, uploadedAt, ...document } = row;
    return { ...document, uploadedAt: uploadedAt.toISOString() };
  },

  async deleteDocument(db: Executor, certificateId: string, documentId: string): Promise<boolean> {
    const rows = await db
      .delete(certificateDocuments)
      .where(and(eq(certificateDocuments.certificateId, certificateId), eq(certificateDocuments.id, documentId)))
      .returning({ id: certificateDocuments.id });
    return rows.length > 0;
  },

  async touch(db: Executor, id: string): Promise<void> {
    await db.update(certificates).set({ updatedAt: sql`now()` }).where(eq(certificates.id, id));
  },
};
