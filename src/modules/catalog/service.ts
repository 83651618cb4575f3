import type { ChangeFeed } from '../../platform/changes.js';
import { foreignKeyViolation, uniqueViolation } from '../../platform/database/errors.js';
import type { Database, Executor } from '../../platform/database/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { check } from '../../platform/validate.js';
import { type DeviceProfile, DeviceProfileSchema, profileInconsistencies } from './profile.js';
import type { Category, Product, ProductInput, ProductPatch, VariantInput, VariantPatch } from './schemas.js';
import { type ProductValues, catalogStore as store } from './store.js';

// Orchestrates the catalog: validation the schema cannot express, transactions, conflicts
// translated to problems, and change notifications for caches.

export class CatalogService {
  constructor(
    private readonly db: Database,
    private readonly changes: ChangeFeed,
  ) {}

  listCategories(): Promise<Category[]> {
    return store.listCategories(this.db);
  }

  async createCategory(category: Category): Promise<Category> {
    try {
      const created = await store.insertCategory(this.db, category);
      await this.changes.publish('catalog');
      return created;
    } catch (error) {
      if (uniqueViolation(error)) throw new ConflictError(`A category with code "${category.code}" exists`, 'code');
      throw error;
    }
  }

  async deleteCategory(code: string): Promise<void> {
    try {
      if (!(await store.deleteCategory(this.db, code))) throw new NotFoundError(`No category "${code}"`);
    } catch (error) {
      if (foreignKeyViolation(error)) throw new ConflictError(`Category "${code}" still has products`);
      throw error;
    }
    await this.changes.publish('catalog');
  }

  listProducts(filter: { category?: string | undefined } = {}): Promise<Product[]> {
    return store.listProducts(this.db, filter);
  }

  productCount(): Promise<number> {
    return store.productCount(this.db);
  }

  productsByIds(ids: string[]): Promise<Product[]> {
    return store.productsByIds(this.db, ids);
  }

  /** The products that have a variant with one of these SKUs (a cart's, an order's). */
  productsBySkus(skus: string[]): Promise<Product[]> {
    return store.productsBySkus(this.db, skus);
  }

  /** The product with this id or slug, or undefined. */
  findProduct(idOrSlug: string): Promise<Product | undefined> {
    return store.findProduct(this.db, idOrSlug);
  }

  async getProduct(idOrSlug: string): Promise<Product> {
    const product = await store.findProduct(this.db, idOrSlug);
    if (!product) throw new NotFoundError(`No product "${idOrSlug}"`);
    return product;
  }

  async createProduct(input: ProductInput): Promise<Product> {
    assertDistinctSkus(input.variants);
    await this.assertCategory(this.db, input.category);
    const deviceProfile = this.profileFor(input.category, input.deviceProfile, 'deviceProfile');
    const id = await this.write(input, async (tx) => {
      const productId = await store.insertProduct(tx, {
        slug: input.slug,
        name: input.name,
        description: input.description ?? '',
        category: input.category,
        images: input.images ?? [],
        deviceProfile,
        requiredServices: input.requiredServices ?? [],
      });
      await store.insertVariants(tx, productId, input.variants, 0);
      return productId;
    });
    return this.getProduct(id);
  }

  async updateProduct(idOrSlug: string, patch: ProductPatch): Promise<Product> {
    const current = await this.getProduct(idOrSlug);
    const category = patch.category ?? current.category;
    if (patch.category) await this.assertCategory(this.db, patch.category);
    const { deviceProfile: _given, ...fields } = patch;
    const values: Partial<ProductValues> = fields;
    if (patch.deviceProfile || patch.category) {
      values.deviceProfile = this.profileFor(
        category,
        patch.deviceProfile ?? { ...current.deviceProfile, category },
        'deviceProfile',
      );
    }
    await this.write(patch, (tx) => store.updateProduct(tx, current.id, values));
    return this.getProduct(current.id);
  }

  async deleteProduct(idOrSlug: string): Promise<void> {
    const current = await this.getProduct(idOrSlug);
    await store.deleteProduct(this.db, current.id);
    await this.changes.publish('catalog');
  }

  async addVariant(idOrSlug: string, input: VariantInput): Promise<Product> {
    const current = await this.getProduct(idOrSlug);
    const next = Math.max(-1, ...current.variants.map((v) => v.position)) + 1;
    await this.write({ variants: [input] }, async (tx) => {
      await store.insertVariants(tx, current.id, [input], next);
      await store.touchProduct(tx, current.id);
    });
    return this.getProduct(current.id);
  }

  async updateVariant(idOrSlug: string, variantIdOrSku: string, patch: VariantPatch): Promise<Product> {
    const current = await this.getProduct(idOrSlug);
    const variant = current.variants.find((v) => v.id === variantIdOrSku || v.sku === variantIdOrSku);
    if (!variant) throw new NotFoundError(`Product "${current.slug}" has no variant "${variantIdOrSku}"`);
    await this.write({ variants: [patch] }, async (tx) => {
      await store.updateVariant(tx, variant.id, patch);
      await store.touchProduct(tx, current.id);
    });
    return this.getProduct(current.id);
  }

  async deleteVariant(idOrSlug: string, variantIdOrSku: string): Promise<Product> {
    const current = await this.getProduct(idOrSlug);
    const variant = current.variants.find((v) => v.id === variantIdOrSku || v.sku === variantIdOrSku);
    if (!variant) throw new NotFoundError(`Product "${current.slug}" has no variant "${variantIdOrSku}"`);
    if (current.variants.length === 1) {
      throw new ConflictError(`"${variant.sku}" is the last variant of "${current.slug}"; delete the product instead`);
    }
    await this.db.transaction(async (tx) => {
      await store.deleteVariant(tx, variant.id);
      await store.touchProduct(tx, current.id);
    });
    await this.changes.publish('catalog');
    return this.getProduct(current.id);
  }

  /** The stored profile: validated whole, its category taken from the product. */
  private profileFor(category: string, profile: Partial<DeviceProfile>, field: string): DeviceProfile {
    if (profile.category !== undefined && profile.category !== category) {
      throw ValidationError.field(`${field}.category`, `must equal the product category "${category}"`);
    }
    const full = check(DeviceProfileSchema, { ...profile, category }, field);
    const issues = profileInconsistencies(full);
    if (issues.length > 0) {
      throw new ValidationError(issues.map((i) => ({ field: `${field}.${i.field}`, message: i.message })));
    }
    return full;
  }

  private async assertCategory(db: Executor, code: string): Promise<void> {
    if (!(await store.categoryExists(db, code))) {
      throw ValidationError.field('category', `unknown category "${code}"; GET /api/admin/categories lists them`);
    }
  }

  /** Runs a write in a transaction, turns constraint violations into problems, then notifies. */
  private async write<T>(
    input: { slug?: string | undefined; variants?: Array<{ sku?: string | undefined }> },
    work: (tx: Executor) => Promise<T>,
  ): Promise<T> {
    let result: T;
    try {
      result = await this.db.transaction(work);
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === 'products_slug_key') {
        throw new ConflictError(`A product with slug "${input.slug}" exists`, 'slug');
      }
      if (constraint === 'variants_sku_key') {
        const skus = (input.variants ?? []).map((v) => v.sku).filter(Boolean);
        throw new ConflictError(`A variant with SKU ${skus.map((s) => `"${s}"`).join(' or ')} exists`, 'sku');
      }
      if (foreignKeyViolation(error)) throw ValidationError.field('category', 'unknown category');
      throw error;
    }
    await this.changes.publish('catalog');
    return result;
  }
}

function assertDistinctSkus(variants: VariantInput[]): void {
  const seen = new Set<string>();
  variants.forEach((v, i) => {
    if (seen.has(v.sku)) throw ValidationError.field(`variants.${i}.sku`, `"${v.sku}" appears twice in this product`);
    seen.add(v.sku);
  });
}
