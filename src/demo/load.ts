import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Type from 'typebox';
import type { Services } from '../app.js';
import { Category, ProductInput } from '../modules/catalog/schemas.js';
import { MarketInput } from '../modules/markets/schemas.js';
import { ValidationError } from '../platform/errors.js';
import { check } from '../platform/validate.js';

// The demo launch scenario (data/demo/): validated with the API's own schemas and loaded
// through the services, so it obeys every rule an admin request does. Loading twice is safe:
// what exists (by code, slug) is kept as it is.

export const DEMO_DIR = fileURLToPath(new URL('../../data/demo/', import.meta.url));

const Assortment = Type.Record(Type.String({ pattern: '^[A-Z0-9]{2,8}$' }), Type.Array(Type.String()));

function readJson(dir: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(`${dir}${file}`, 'utf8'));
  } catch (error) {
    throw new Error(`${dir}${file}: ${(error as Error).message}`);
  }
}

function validated<T>(file: string, validate: () => T): T {
  try {
    return validate();
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(
        error.errors!.map((e) => ({ field: `${file}: ${e.field}`, message: e.message })),
        `The demo data is not valid: ${error.errors!.map((e) => `${file}: ${e.field} ${e.message}`).join('; ')}`,
      );
    }
    throw error;
  }
}

export interface DemoReport {
  created: { categories: number; markets: number; products: number; listings: number };
  kept: { categories: number; markets: number; products: number };
}

export async function loadDemo(services: Services, dir = DEMO_DIR): Promise<DemoReport> {
  const categories = validated('categories.json', () => check(Type.Array(Category), readJson(dir, 'categories.json')));
  const markets = validated('markets.json', () => check(Type.Array(MarketInput), readJson(dir, 'markets.json')));
  const products = validated('products.json', () => check(Type.Array(ProductInput), readJson(dir, 'products.json')));
  const assortment = validated('assortment.json', () => check(Assortment, readJson(dir, 'assortment.json')));

  const report: DemoReport = {
    created: { categories: 0, markets: 0, products: 0, listings: 0 },
    kept: { categories: 0, markets: 0, products: 0 },
  };

  const knownCategories = new Set((await services.catalog.listCategories()).map((c) => c.code));
  for (const category of categories) {
    if (knownCategories.has(category.code)) {
      report.kept.categories++;
      continue;
    }
    await services.catalog.createCategory(category);
    report.created.categories++;
  }

  for (const market of markets) {
    if (await services.markets.find(market.code)) {
      report.kept.markets++;
      continue;
    }
    await validatedAsync(`markets.json (${market.code})`, () => services.markets.create(market));
    report.created.markets++;
  }

  for (const product of products) {
    if (await services.catalog.findProduct(product.slug)) {
      report.kept.products++;
      continue;
    }
    await validatedAsync(`products.json (${product.slug})`, () => services.catalog.createProduct(product));
    report.created.products++;
  }

  for (const [market, slugs] of Object.entries(assortment)) {
    const existing = await services.assortment.listedProducts(market);
    const listed = new Set(existing.listings.map((l) => l.slug));
    for (const slug of slugs) {
      if (listed.has(slug)) continue;
      await validatedAsync(`assortment.json (${market})`, () => services.assortment.list(market, slug));
      report.created.listings++;
    }
  }
  return report;
}

async function validatedAsync<T>(where: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error && 'status' in error) {
      throw new Error(`The demo data is not valid: ${where}: ${error.message}`);
    }
    throw error;
  }
}
