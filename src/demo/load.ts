import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Type, { type Static } from 'typebox';
import type { Services } from '../app.js';
import { Sku } from '../modules/catalog/index.js';
import { Category, ProductInput } from '../modules/catalog/schemas.js';
import { CertificateInput } from '../modules/certificates/index.js';
import { CloudRegionInput, CloudServiceInput, DeploymentInput } from '../modules/ecosystem/index.js';
import { LocationInput } from '../modules/inventory/index.js';
import { MarketInput } from '../modules/markets/schemas.js';
import { DecimalAmount } from '../modules/pricing/schemas.js';
import { MethodCode, ShippingMethodInput } from '../modules/shipping/index.js';
import { AppError, ValidationError } from '../platform/errors.js';
import { check } from '../platform/validate.js';

// The demo launch scenario (data/demo/): validated with the API's own schemas and loaded
// through the services, so it obeys every rule an admin request does. Loading twice is safe:
// what exists (by code, slug) is kept as it is.

export const DEMO_DIR = fileURLToPath(new URL('../../data/demo/', import.meta.url));

const Assortment = Type.Record(Type.String({ pattern: '^[A-Z0-9]{2,8}$' }), Type.Array(Type.String()));
const MarketKey = Type.String({ pattern: '^[A-Z0-9]{2,8}$' });
/** Base prices: market -> SKU -> amount as decimal text in the market's currency. */
const Prices = Type.Record(MarketKey, Type.Record(Sku, DecimalAmount));
/** Shipping methods per market, each with its code. */
const Shipping = Type.Record(
  MarketKey,
  Type.Array(Type.Object({ code: MethodCode, ...ShippingMethodInput.properties }, { additionalProperties: false })),
);
const Ecosystem = Type.Object(
  {
    services: Type.Array(CloudServiceInput),
    regions: Type.Array(CloudRegionInput),
    deployments: Type.Array(DeploymentInput),
  },
  { additionalProperties: false },
);

const Inventory = Type.Object(
  {
    locations: Type.Array(LocationInput),
    stock: Type.Array(
      Type.Object(
        { location: Type.String(), sku: Sku, onHand: Type.Integer({ minimum: 0 }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

function readJson(dir: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(`${dir}${file}`, 'utf8'));
  } catch (error) {
    throw new Error(`${dir}${file}: ${(error as Error).message}`);
  }
}

/** Names the demo file and record in an error, so a broken demo file is quick to mend. */
function inDemoFile(where: string, error: unknown): unknown {
  if (error instanceof ValidationError && error.errors) {
    const errors = error.errors.map((e) => ({ field: `${where}: ${e.field}`, message: e.message }));
    return new ValidationError(
      errors,
      `The demo data is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
    );
  }
  if (error instanceof AppError) return new ValidationError([{ field: where, message: error.message }]);
  return error;
}

async function validated<T>(where: string, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw inDemoFile(where, error);
  }
}

export interface DemoReport {
  created: {
    categories: number;
    markets: number;
    products: number;
    listings: number;
    certificates: number;
    services: number;
    regions: number;
    deployments: number;
    locations: number;
    stockLevels: number;
    prices: number;
    shippingMethods: number;
  };
  kept: {
    categories: number;
    markets: number;
    products: number;
    certificates: number;
    services: number;
    regions: number;
    deployments: number;
    locations: number;
    stockLevels: number;
    prices: number;
    shippingMethods: number;
  };
}

export async function loadDemo(services: Services, dir = DEMO_DIR): Promise<DemoReport> {
  const categories = await validated('categories.json', () =>
    check(Type.Array(Category), readJson(dir, 'categories.json')),
  );
  const markets = await validated('markets.json', () => check(Type.Array(MarketInput), readJson(dir, 'markets.json')));
  const products = await validated('products.json', () =>
    check(Type.Array(ProductInput), readJson(dir, 'products.json')),
  );
  const assortment = await validated('assortment.json', () => check(Assortment, readJson(dir, 'assortment.json')));
  // Certificates are found again by requirement and identifier, so each demo one needs an identifier.
  const certificates = await validated('certificates.json', () =>
    check(
      Type.Array(Type.Intersect([CertificateInput, Type.Object({ identifier: Type.String({ minLength: 1 }) })])),
      readJson(dir, 'certificates.json'),
    ),
  );
  const ecosystem = await validated('ecosystem.json', () => check(Ecosystem, readJson(dir, 'ecosystem.json')));
  const inventory = await validated('inventory.json', () => check(Inventory, readJson(dir, 'inventory.json')));
  const prices = await validated('prices.json', () => check(Prices, readJson(dir, 'prices.json')));
  const shipping = await validated('shipping.json', () => check(Shipping, readJson(dir, 'shipping.json')));

  const report: DemoReport = {
    created: {
      categories: 0,
      markets: 0,
      products: 0,
      listings: 0,
      certificates: 0,
      services: 0,
      regions: 0,
      deployments: 0,
      locations: 0,
      stockLevels: 0,
      prices: 0,
      shippingMethods: 0,
    },
    kept: {
      categories: 0,
      markets: 0,
      products: 0,
      certificates: 0,
      services: 0,
      regions: 0,
      deployments: 0,
      locations: 0,
      stockLevels: 0,
      prices: 0,
      shippingMethods: 0,
    },
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
    await validated(`markets.json (${market.code})`, () => services.markets.create(market));
    report.created.markets++;
  }

  for (const product of products) {
    if (await services.catalog.findProduct(product.slug)) {
      report.kept.products++;
      continue;
    }
    await validated(`products.json (${product.slug})`, () => services.catalog.createProduct(product));
    report.created.products++;
  }

  for (const [market, slugs] of Object.entries(assortment)) {
    const existing = await services.assortment.listedProducts(market);
    const listed = new Set(existing.listings.map((l) => l.slug));
    for (const slug of slugs) {
      if (listed.has(slug)) continue;
      await validated(`assortment.json (${market})`, () => services.assortment.list(market, slug));
      report.created.listings++;
    }
  }

  for (const certificate of certificates) {
    const where = `certificates.json (${certificate.requirementCode} ${certificate.identifier})`;
    if (await services.certificates.findByIdentifier(certificate.requirementCode, certificate.identifier)) {
      report.kept.certificates++;
      continue;
    }
    await validated(where, () => services.certificates.create(certificate));
    report.created.certificates++;
  }
  await loadEcosystem(services, ecosystem, report);
  await loadInventory(services, inventory, report);
  await loadCommerce(services, prices, shipping, report);
  return report;
}

/**
 * Locations are found again by code, stock levels by location and SKU; a stock level that
 * exists keeps its count, whatever was sold or counted since.
 */
async function loadInventory(services: Services, data: Static<typeof Inventory>, report: DemoReport): Promise<void> {
  const { inventory } = services;
  const knownLocations = new Set((await inventory.listLocations()).map((l) => l.code));
  for (const location of data.locations) {
    if (knownLocations.has(location.code)) {
      report.kept.locations++;
      continue;
    }
    await validated(`inventory.json (location ${location.code})`, () => inventory.createLocation(location));
    report.created.locations++;
  }
  const key = (s: { location: string; sku: string }) => `${s.location} ${s.sku}`;
  const knownLevels = new Set((await inventory.stock({})).levels.map(key));
  for (const level of data.stock) {
    if (knownLevels.has(key(level))) {
      report.kept.stockLevels++;
      continue;
    }
    await validated(`inventory.json (stock ${key(level)})`, () =>
      inventory.setOnHand(level.location, level.sku, level.onHand, 'demo scenario'),
    );
    report.created.stockLevels++;
  }
}

/** Base prices are found again by market and SKU, shipping methods by market and code. */
async function loadCommerce(
  services: Services,
  prices: Static<typeof Prices>,
  shipping: Static<typeof Shipping>,
  report: DemoReport,
): Promise<void> {
  for (const [market, bySku] of Object.entries(prices)) {
    const based = new Set(
      (await services.pricing.list({ market })).filter((p) => p.validFrom === null).map((p) => p.sku),
    );
    for (const [sku, amount] of Object.entries(bySku)) {
      if (based.has(sku)) {
        report.kept.prices++;
        continue;
      }
      await validated(`prices.json (${market} ${sku})`, () => services.pricing.set(market, sku, { amount }));
      report.created.prices++;
    }
  }
  for (const [market, methods] of Object.entries(shipping)) {
    const known = new Set((await services.shipping.list(market)).map((m) => m.code));
    for (const { code, ...method } of methods) {
      if (known.has(code)) {
        report.kept.shippingMethods++;
        continue;
      }
      await validated(`shipping.json (${market} ${code})`, () => services.shipping.set(market, code, method));
      report.created.shippingMethods++;
    }
  }
}

/** Services and regions are found again by code, deployments by service, region and liveFrom. */
async function loadEcosystem(services: Services, data: Static<typeof Ecosystem>, report: DemoReport): Promise<void> {
  const { ecosystem } = services;
  const knownServices = new Set((await ecosystem.listServices()).map((s) => s.code));
  for (const service of data.services) {
    if (knownServices.has(service.code)) {
      report.kept.services++;
      continue;
    }
    await validated(`ecosystem.json (service ${service.code})`, () => ecosystem.createService(service));
    report.created.services++;
  }
  const knownRegions = new Set((await ecosystem.listRegions()).map((r) => r.code));
  for (const region of data.regions) {
    if (knownRegions.has(region.code)) {
      report.kept.regions++;
      continue;
    }
    await validated(`ecosystem.json (region ${region.code})`, () => ecosystem.createRegion(region));
    report.created.regions++;
  }
  const key = (d: { service: string; region: string; liveFrom?: string | null | undefined }) =>
    `${d.service} ${d.region} ${d.liveFrom ?? 'undated'}`;
  const knownDeployments = new Set((await ecosystem.listDeployments()).map(key));
  for (const deployment of data.deployments) {
    if (knownDeployments.has(key(deployment))) {
      report.kept.deployments++;
      continue;
    }
    await validated(`ecosystem.json (deployment ${key(deployment)})`, () => ecosystem.createDeployment(deployment));
    report.created.deployments++;
  }
}
