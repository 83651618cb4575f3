import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/database/index.js';
import type { DeviceProfile } from './profile.js';
import type { Category, Product, Variant, VariantInput } from './schemas.js';
import { categories, products, variants } from './tables.js';

// SQL for the catalog's tables, nothing else.

type ProductRow = typeof products.$inferSelect;
type VariantRow = typeof variants.$inferSelect;

export interface ProductValues {
  slug: string;
  name: string;
  description: string;
  category: string;
  images: Product['images'];
  deviceProfile: DeviceProfile;
  requiredServices: string[];
}

function toVariant(row: VariantRow): Variant {
  return { id: row.id, sku: row.sku, name: row.name, attributes: row.attributes, position: row.position };
}

function toProduct(row: ProductRow, rows: VariantRow[]): Product {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    category: row.category,
    images: row.images,
    deviceProfile: row.deviceProfile,
    requiredServices: row.requiredServices,
    variants: rows.map(toVariant),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function withVariants(db: Executor, rows: ProductRow[]): Promise<Product[]> {
  if (rows.length === 0) return [];
  const variantRows = await db
    .select()
    .from(variants)
    .where(
      inArray(
        variants.productId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(variants.position), asc(variants.sku));
  const byProduct = new Map<string, VariantRow[]>();
  for (const v of variantRows) {
    const list = byProduct.get(v.productId) ?? [];
    list.push(v);
    byProduct.set(v.productId, list);
  }
  return rows.map((row) => toProduct(row, byProduct.get(row.id) ?? []));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const catalogStore = {
  async listCategories(db: Executor): Promise<Category[]> {
    return db.select().from(categories).orderBy(asc(categories.code));
  },

  async categoryExists(db: Executor, code: string): Promise<boolean> {
    const rows = await db.select({ code: categories.code }).from(categories).where(eq(categories.code, code));
    return rows.length > 0;
  },

  async insertCategory(db: Executor, category: Category): Promise<Category> {
    const [row] = await db.insert(categories).values(category).returning();
    return row!;
  },

  async deleteCategory(db: Executor, code: string): Promise<boolean> {
    const rows = await db.delete(categories).where(eq(categories.code, code)).returning({ code: categories.code });
    return rows.length > 0;
  },

  async listProducts(db: Executor, filter: { category?: string | undefined } = {}): Promise<Product[]> {
    const rows = await db
      .select()
      .from(products)
      .where(filter.category ? eq(products.category, filter.category) : undefined)
      .orderBy(asc(products.name));
    return withVariants(db, rows);
  },

  async productsByIds(db: Executor, ids: string[]): Promise<Product[]> {
    if (ids.length === 0) return [];
    const rows = await db.select().from(products).where(inArray(products.id, ids)).orderBy(asc(products.name));
    return withVariants(db, rows);
  },

  /** The products that have a variant with one of these SKUs. */
  async productsBySkus(db: Executor, skus: string[]): Promise<Product[]> {
    if (skus.length === 0) return [];
    const ids = db.select({ id: variants.productId }).from(variants).where(inArray(variants.sku, skus));
    const rows = await db.select().from(products).where(inArray(products.id, ids)).orderBy(asc(products.name));
    return withVariants(db, rows);
  },

  /** Finds a product by id or by slug: admin URLs take either. */
  async findProduct(db: Executor, idOrSlug: string): Promise<Product | undefined> {
    const rows = await db
      .select()
      .from(products)
      .where(UUID.test(idOrSlug) ? eq(products.id, idOrSlug) : eq(products.slug, idOrSlug));
    const [product] = await withVariants(db, rows);
    return product;
  },

  async insertProduct(db: Executor, values: ProductValues): Promise<string> {
    const [row] = await db.insert(products).values(values).returning({ id: products.id });
    return row!.id;
  },

  async updateProduct(db: Executor, id: string, values: Partial<ProductValues>): Promise<void> {
    await db
      .update(products)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(products.id, id));
  },

  async deleteProduct(db: Executor, id: string): Promise<boolean> {
    const rows = await db.delete(products).where(eq(products.id, id)).returning({ id: products.id });
    return rows.length > 0;
  },

  async insertVariants(db: Executor, productId: string, input: VariantInput[], firstPosition: number): Promise<void> {
    if (input.length === 0) return;
    await db.insert(variants).values(
      input.map((v, i) => ({
        productId,
        sku: v.sku,
        name: v.name,
        attributes: v.attributes ?? {},
        position: firstPosition + i,
      })),
    );
  },

  async updateVariant(db: Executor, id: string, values: Partial<VariantInput>): Promise<void> {
    await db.update(variants).set(values).where(eq(variants.id, id));
  },

  async deleteVariant(db: Executor, id: string): Promise<void> {
    await db.delete(variants).where(eq(variants.id, id));
  },

  async touchProduct(db: Executor, id: string): Promise<void> {
    await db.update(products).set({ updatedAt: sql`now()` }).where(eq(products.id, id));
  },

  async productCount(db: Executor): Promise<number> {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(products);
    return row?.n ?? 0;
  },
};
