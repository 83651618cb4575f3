import { sql } from 'drizzle-orm';
import { check, customType, date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { products, variants } from '../catalog/tables.js';

// The certificate registry: evidence that a requirement is met, which products (or variants) it
// covers, and its documents. A certificate covers a whole product, or single variants of it.

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const CERTIFICATE_STATUSES = ['valid', 'suspended', 'revoked', 'withdrawn'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

export const certificates = pgTable(
  'certificates',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    requirementCode: text('requirement_code').notNull(),
    /** Normalised identifier (FCC ID, CMIIT ID, ...) when the scheme has one. */
    identifier: text(),
    holder: text().notNull(),
    issuedBy: text('issued_by').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }),
    status: text().$type<CertificateStatus>().notNull().default('valid'),
    notes: text().notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('certificates_requirement_identifier_key').on(t.requirementCode, t.identifier),
    index('certificates_requirement_idx').on(t.requirementCode),
    check('certificates_status_check', sql`${t.status} in ('valid', 'suspended', 'revoked', 'withdrawn')`),
    check('certificates_dates_check', sql`${t.expiresOn} is null or ${t.expiresOn} > ${t.issuedOn}`),
  ],
);

export const certificateCoverage = pgTable(
  'certificate_coverage',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    /** Null: every variant of the product. */
    variantId: uuid('variant_id').references(() => variants.id, { onDelete: 'cascade' }),
  },
  (t) => [
    unique('certificate_coverage_key').on(t.certificateId, t.productId, t.variantId).nullsNotDistinct(),
    index('certificate_coverage_product_idx').on(t.productId),
  ],
);

export const certificateDocuments = pgTable(
  'certificate_documents',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id, { onDelete: 'cascade' }),
    filename: text().notNull(),
    contentType: text('content_type').notNull(),
    size: integer().notNull(),
    sha256: text().notNull(),
    content: bytea().notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('certificate_documents_certificate_idx').on(t.certificateId)],
);
