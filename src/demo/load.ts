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
import { parseAmount } from '../modules/pricing/index.js';
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

/**
 * Launch sales, timed from when the demo is loaded (a sale with fixed dates would be long over by
 * the time someone tries the demo); the price is decimal text in the market's currency.
 */
const FlashSales = Type.Array(
  Type.Object(
    {
      market: MarketKey,
      sku: Sku,
      price: DecimalAmount,
      quantity: Type.Integer({ minimum: 1 }),
      registrationRequired: Type.Boolean(),
      startsInHours: Type.Number({ minimum: 0 }),
      hours: Type.Number({ exclusiveMinimum: 0 }),
      perCustomerLimit: Type.Integer({ minimum: 1 }),
      paymentWindowSeconds: Type.Integer(),
    },
    { additionalProperties: false },
  ),
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

type Kept = keyof DemoReport['kept'];

/**
 * Creates the records not there yet, each found again by its key; what exists is kept as it is.
 * Counts both in the report; a record the services refuse is named with its file.
 */
async function loadMissing<T>(
  report: DemoReport,
  kind: Kept,
  records: Iterable<T>,
  existing: Iterable<string>,
  key: (record: T) => string,
  where: (record: T) => string,
  create: (record: T) => Promise<unknown>,
): Promise<void> {
  const known = new Set(existing);
  for (const record of records) {
    if (known.has(key(record))) {
      report.kept[kind]++;
      continue;
    }
    await validated(where(record), () => create(record));
    report.created[kind]++;
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
    flashSales: number;
    comments: number;
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
    flashSales: number;
    comments: number;
  };
}

const DemoComment = Type.Object(
  {
    name: Type.String(),
    email: Type.String(),
    website: Type.Optional(Type.String()),
    content: Type.String(),
  },
  { additionalProperties: false },
);
const DemoReply = Type.Union([
  DemoComment,
  Type.Object({ staff: Type.Literal(true), content: Type.String() }, { additionalProperties: false }),
]);
const DemoComments = Type.Array(
  Type.Object(
    { product: Type.String(), ...DemoComment.properties, replies: Type.Optional(Type.Array(DemoReply)) },
    { additionalProperties: false },
  ),
);

/** `now`: the instant the demo's launch sales are timed from (the platform's clock). */
export async function loadDemo(services: Services, dir = DEMO_DIR, now = new Date()): Promise<DemoReport> {
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
  const flashSales = await validated('flash-sales.json', () => check(FlashSales, readJson(dir, 'flash-sales.json')));
  const comments = await validated('comments.json', () => check(DemoComments, readJson(dir, 'comments.json')));

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
      flashSales: 0,
      comments: 0,
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
      flashSales: 0,
      comments: 0,
    },
  };

  const { catalog } = services;
  const code = (record: { code: string }) => record.code;
  await loadMissing(
    report,
    'categories',
    categories,
    (await catalog.listCategories()).map(code),
    code,
    (c) => `categories.json (${c.code})`,
    (c) => catalog.createCategory(c),
  );
  await loadMissing(
    report,
    'markets',
    markets,
    (await services.markets.list()).map(code),
    code,
    (m) => `markets.json (${m.code})`,
    (m) => services.markets.create(m),
  );
  const slug = (p: { slug: string }) => p.slug;
  await loadMissing(
    report,
    'products',
    products,
    (await catalog.listProducts()).map(slug),
    slug,
    (p) => `products.json (${p.slug})`,
    (p) => catalog.createProduct(p),
  );

  for (const [market, slugs] of Object.entries(assortment)) {
    const existing = await services.assortment.listedProducts(market);
    const listed = new Set(existing.listings.map((l) => l.slug));
    for (const slug of slugs) {
      if (listed.has(slug)) continue;
      await validated(`assortment.json (${market})`, () => services.assortment.list(market, slug));
      report.created.listings++;
    }
  }

  const certificateKey = (c: { requirementCode: string; identifier: string | null }) =>
    `${c.requirementCode} ${c.identifier}`;
  const onFile = (await services.certificates.list({})).map(certificateKey);
  await loadMissing(
    report,
    'certificates',
    certificates,
    onFile,
    certificateKey,
    (c) => `certificates.json (${certificateKey(c)})`,
    (c) => services.certificates.create(c),
  );

  await loadEcosystem(services, ecosystem, report);
  await loadInventory(services, inventory, report);
  await loadCommerce(services, prices, shipping, report);
  await loadFlashSales(services, flashSales, now, report);
  await loadComments(services, comments, report);
  return report;
}

/**
 * Locations are found again by code, stock levels by location and SKU; a stock level that
 * exists keeps its count, whatever was sold or counted since.
 */
async function loadInventory(services: Services, data: Static<typeof Inventory>, report: DemoReport): Promise<void> {
  const { inventory } = services;
  const code = (l: { code: string }) => l.code;
  await loadMissing(
    report,
    'locations',
    data.locations,
    (await inventory.listLocations()).map(code),
    code,
    (l) => `inventory.json (location ${l.code})`,
    (l) => inventory.createLocation(l),
  );
  const key = (s: { location: string; sku: string }) => `${s.location} ${s.sku}`;
  await loadMissing(
    report,
    'stockLevels',
    data.stock,
    (await inventory.stock({})).levels.map(key),
    key,
    (l) => `inventory.json (stock ${key(l)})`,
    (l) => inventory.setOnHand(l.location, l.sku, l.onHand, 'demo scenario'),
  );
}

/** Base prices are found again by market and SKU, shipping methods by market and code. */
async function loadCommerce(
  services: Services,
  prices: Static<typeof Prices>,
  shipping: Static<typeof Shipping>,
  report: DemoReport,
): Promise<void> {
  for (const [market, bySku] of Object.entries(prices)) {
    const based = (await services.pricing.list({ market })).filter((p) => p.validFrom === null).map((p) => p.sku);
    await loadMissing(
      report,
      'prices',
      Object.entries(bySku),
      based,
      ([sku]) => sku,
      ([sku]) => `prices.json (${market} ${sku})`,
      ([sku, amount]) => services.pricing.set(market, sku, { amount }),
    );
  }
  for (const [market, methods] of Object.entries(shipping)) {
    const code = (m: { code: string }) => m.code;
    await loadMissing(
      report,
      'shippingMethods',
      methods,
      (await services.shipping.list(market)).map(code),
      code,
      (m) => `shipping.json (${market} ${m.code})`,
      ({ code, ...method }) => services.shipping.set(market, code, method),
    );
  }
}

/** Services and regions are found again by code, deployments by service, region and liveFrom. */
async function loadEcosystem(services: Services, data: Static<typeof Ecosystem>, report: DemoReport): Promise<void> {
  const { ecosystem } = services;
  const code = (r: { code: string }) => r.code;
  await loadMissing(
    report,
    'services',
    data.services,
    (await ecosystem.listServices()).map(code),
    code,
    (r) => `ecosystem.json (service ${r.code})`,
    (r) => ecosystem.createService(r),
  );
  await loadMissing(
    report,
    'regions',
    data.regions,
    (await ecosystem.listRegions()).map(code),
    code,
    (r) => `ecosystem.json (region ${r.code})`,
    (r) => ecosystem.createRegion(r),
  );
  const key = (d: { service: string; region: string; liveFrom?: string | null | undefined }) =>
    `${d.service} ${d.region} ${d.liveFrom ?? 'undated'}`;
  await loadMissing(
    report,
    'deployments',
    data.deployments,
    (await ecosystem.listDeployments()).map(key),
    key,
    (d) => `ecosystem.json (deployment ${key(d)})`,
    (d) => ecosystem.createDeployment(d),
  );
}

/** A market's sale of a SKU is found again by the two; its terms are kept as they are. */
async function loadFlashSales(
  services: Services,
  sales: Static<typeof FlashSales>,
  now: Date,
  report: DemoReport,
): Promise<void> {
  const key = (sale: { market: string; sku: string }) => `${sale.market} ${sale.sku}`;
  const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();
  await loadMissing(
    report,
    'flashSales',
    sales,
    (await services.flashSales.list()).map(key),
    key,
    (sale) => `flash-sales.json (${key(sale)})`,
    async ({ startsInHours, hours, price, ...sale }) => {
      const market = await services.markets.get(sale.market);
      await services.flashSales.create({
        ...sale,
        price: parseAmount(price, market.currency),
        startsAt: at(startsInHours),
        endsAt: at(startsInHours + hours),
      });
    },
  );
}

/**
 * Comments go through the spam filter like any visitor's, so the demo's promotional one waits in
 * the moderation queue. A product that has comments already keeps them as they are.
 */
async function loadComments(
  services: Services,
  comments: Static<typeof DemoComments>,
  report: DemoReport,
): Promise<void> {
  // Each demo comment comes from its own address in the documentation range (RFC 5737), as real
  // ones would: had they all come from 127.0.0.1, the flood rule would hold a local tester's first
  // comments for moderation until the seeded ones were ten minutes old.
  let visitors = 0;
  const visitor = () => ({ ipAddress: `192.0.2.${++visitors}`, userAgent: 'marketgate demo', referrer: undefined });
  const staff = { name: 'marketgate support', email: 'support@marketgate.local' };
  const commented = new Set<string>();
  for (const { product, replies, ...comment } of comments) {
    if (!commented.has(product) && (await services.discussion.hasComments(product))) {
      report.kept.comments += 1 + (replies?.length ?? 0);
      continue;
    }
    commented.add(product);
    const posted = await validated(`comments.json (${product})`, () =>
      services.discussion.post(product, comment, visitor()),
    );
    report.created.comments++;
    if (posted.status !== 'published') continue;
    for (const reply of replies ?? []) {
      if ('staff' in reply) await services.discussion.staffReply(posted.comment.id, reply.content, staff);
      else await services.discussion.post(product, { ...reply, parentId: posted.comment.id }, visitor());
      report.created.comments++;
    }
  }
}
