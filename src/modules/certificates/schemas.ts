import Type, { type Static } from 'typebox';
import { CERTIFICATE_STATUSES } from './tables.js';

// The certificate registry's HTTP contract: one source for validation, types and OpenAPI.

export const RequirementCode = Type.String({
  pattern: '^[A-Z]{2,3}(\\.[A-Z0-9_]+)+$',
  maxLength: 100,
  description: 'a requirement code from a jurisdiction rule file, e.g. "US.FCC.CERTIFICATION"',
});
export const IsoDate = Type.String({ format: 'date', description: 'ISO date, YYYY-MM-DD' });
export const Status = Type.Enum([...CERTIFICATE_STATUSES], { description: 'only a valid certificate is evidence' });

export const CoverageInput = Type.Object(
  {
    product: Type.String({ minLength: 1, maxLength: 100, description: 'product id or slug' }),
    variant: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'variant id or SKU; absent: every variant' }),
    ),
  },
  { additionalProperties: false },
);
export type CoverageInput = Static<typeof CoverageInput>;

const Identifier = Type.String({
  maxLength: 100,
  description: "the scheme's identifier (FCC ID, CMIIT ID, R-number, ...); checked against the rule's format",
});
const Notes = Type.String({ maxLength: 5000 });

const fields = {
  requirementCode: RequirementCode,
  identifier: Identifier,
  holder: Type.String({ minLength: 1, maxLength: 200, description: 'who the certificate was issued to' }),
  issuedBy: Type.String({ minLength: 1, maxLength: 200, description: 'the certification body, lab or authority' }),
  issuedOn: IsoDate,
  expiresOn: IsoDate,
  status: Status,
  notes: Notes,
  coverage: Type.Array(CoverageInput, {
    minItems: 1,
    maxItems: 500,
    description: 'the products, or single variants of them, the certificate covers',
  }),
};

export const CertificateInput = Type.Object(
  {
    ...fields,
    identifier: Type.Optional(fields.identifier),
    expiresOn: Type.Optional(fields.expiresOn),
    status: Type.Optional(fields.status),
    notes: Type.Optional(fields.notes),
  },
  { additionalProperties: false },
);
export type CertificateInput = Static<typeof CertificateInput>;

export const CertificatePatch = Type.Partial(
  Type.Object({
    ...fields,
    identifier: Type.Union([fields.identifier, Type.Null()]),
    expiresOn: Type.Union([fields.expiresOn, Type.Null()]),
  }),
  { additionalProperties: false, minProperties: 1, description: 'fields given replace the stored ones; null clears' },
);
export type CertificatePatch = Static<typeof CertificatePatch>;

export const Coverage = Type.Object({
  productId: Type.String({ format: 'uuid' }),
  slug: Type.String(),
  variantId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  sku: Type.Union([Type.String(), Type.Null()]),
});
export type Coverage = Static<typeof Coverage>;

export const DocumentMeta = Type.Object({
  id: Type.String({ format: 'uuid' }),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer({ description: 'bytes' }),
  sha256: Type.String({ description: 'hex SHA-256 of the content' }),
  uploadedAt: Type.String({ format: 'date-time' }),
});
export type DocumentMeta = Static<typeof DocumentMeta>;

export const Certificate = Type.Object({
  id: Type.String({ format: 'uuid' }),
  requirementCode: Type.String(),
  identifier: Type.Union([Type.String(), Type.Null()]),
  holder: Type.String(),
  issuedBy: Type.String(),
  issuedOn: Type.String({ format: 'date' }),
  expiresOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  status: Status,
  notes: Type.String(),
  coverage: Type.Array(Coverage),
  documents: Type.Array(DocumentMeta),
  expiringSoon: Type.Boolean({ description: 'expires within 30 days from now' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Certificate = Static<typeof Certificate>;

export const CertificateFilter = Type.Object(
  {
    requirement: Type.Optional(RequirementCode),
    product: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'product id or slug' })),
    status: Type.Optional(Status),
    expiringWithinDays: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 3650, description: 'not expired yet, but will within this many days' }),
    ),
  },
  { additionalProperties: false },
);
export type CertificateFilter = Static<typeof CertificateFilter>;
