import Type, { type Static } from 'typebox';
import { CategoryCode, DeviceProfileSchema, ProductProfileSchema } from './profile.js';

// The catalog's HTTP contract: one source for validation, types and OpenAPI.

export const Slug = Type.String({
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  minLength: 1,
  maxLength: 100,
  description: 'URL name: lowercase letters, digits and single hyphens',
});
export const Sku = Type.String({
  pattern: '^[A-Z0-9][A-Z0-9._-]*$',
  maxLength: 64,
  description: 'stock keeping unit: uppercase letters, digits, ".", "_" and "-"',
});
export const ServiceCode = Type.String({
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  maxLength: 64,
  description: 'cloud service code (ecosystem), e.g. "account", "firmware-updates"',
});

const Image = Type.Object(
  {
    url: Type.String({ pattern: '^(https?://|/)\\S+$', maxLength: 2000, description: 'absolute URL or site path' }),
    alt: Type.String({ maxLength: 300 }),
  },
  { additionalProperties: false },
);

const Attributes = Type.Record(Type.String({ minLength: 1, maxLength: 50 }), Type.String({ maxLength: 100 }), {
  maxProperties: 20,
  description: 'variant attributes such as colour or capacity',
});

export const Category = Type.Object(
  { code: CategoryCode, name: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export type Category = Static<typeof Category>;

export const VariantInput = Type.Object(
  {
    sku: Sku,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    attributes: Type.Optional(Attributes),
  },
  { additionalProperties: false },
);
export type VariantInput = Static<typeof VariantInput>;

export const VariantPatch = Type.Partial(VariantInput, { additionalProperties: false, minProperties: 1 });
export type VariantPatch = Static<typeof VariantPatch>;

const productFields = {
  slug: Slug,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ maxLength: 5000 }),
  category: CategoryCode,
  images: Type.Array(Image, { maxItems: 20 }),
  deviceProfile: ProductProfileSchema,
  requiredServices: Type.Array(ServiceCode, { uniqueItems: true, maxItems: 50 }),
};

export const ProductInput = Type.Object(
  {
    ...productFields,
    description: Type.Optional(productFields.description),
    images: Type.Optional(productFields.images),
    requiredServices: Type.Optional(productFields.requiredServices),
    variants: Type.Array(VariantInput, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type ProductInput = Static<typeof ProductInput>;

export const ProductPatch = Type.Partial(Type.Object(productFields), { additionalProperties: false, minProperties: 1 });
export type ProductPatch = Static<typeof ProductPatch>;

export const Variant = Type.Object({
  id: Type.String({ format: 'uuid' }),
  sku: Sku,
  name: Type.String(),
  attributes: Attributes,
  position: Type.Integer(),
});
export type Variant = Static<typeof Variant>;

export const Product = Type.Object({
  id: Type.String({ format: 'uuid' }),
  slug: Slug,
  name: Type.String(),
  description: Type.String(),
  category: CategoryCode,
  images: Type.Array(Image),
  deviceProfile: DeviceProfileSchema,
  requiredServices: Type.Array(ServiceCode),
  variants: Type.Array(Variant),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Product = Static<typeof Product>;
