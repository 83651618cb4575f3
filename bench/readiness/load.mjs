import { listings as listingsTable } from '../../dist/modules/assortment/tables.js';
import { products as productsTable, variants as variantsTable } from '../../dist/modules/catalog/tables.js';
import { checkDraft } from '../../dist/modules/certificates/draft.js';
import { certificateCoverage, certificates as certificatesTable } from '../../dist/modules/certificates/tables.js';
import { validProfile } from '../../dist/modules/compliance/index.js';
import * as synthetic from './synthetic.mjs';

// Loads the synthetic scenario. Categories, markets and the ecosystem go through the services,
// validated like any admin request. The bulk (products, variants, listings, certificates and their
// coverage) is checked as the catalog and the certificate registry check it, then inserted in
// chunks straight into the modules' tables: one request per product would take minutes.

async function inChunks(rows, size, insert) {
  const out = [];
  for (let i = 0; i < rows.length; i += size) out.push(...((await insert(rows.slice(i, i + size))) ?? []));
  return out;
}

const jurisdictionOf = (requirementCode) => requirementCode.split('.')[0];

/**
 * Returns the counts, and `samples`: one certificate in force per jurisdiction that covers several
 * whole products, for the incremental measurement ({ id, requirementCode, productIds }).
 */
export async function loadScenario(services, db, productCount) {
  const rng = synthetic.random(20261124);
  const markets = synthetic.markets();
  const { products, families } = synthetic.products(rng, productCount);
  const deployments = synthetic.deployments(rng);

  for (const code of synthetic.CATEGORIES) await services.catalog.createCategory({ code, name: code });
  for (const market of markets) await services.markets.create(market);
  for (const code of synthetic.SERVICES) await services.ecosystem.createService({ code, name: code });
  for (const region of synthetic.REGIONS) await services.ecosystem.createRegion(region);
  for (const d of deployments) await services.ecosystem.createDeployment(d);

  for (const p of products) validProfile(p.deviceProfile, `${p.slug}.deviceProfile`);
  const productIds = (
    await inChunks(products, 500, (chunk) =>
      db
        .insert(productsTable)
        .values(chunk.map(({ variants: _, family: __, ...p }) => ({ ...p, description: '' })))
        .returning({ id: productsTable.id }),
    )
  ).map((r) => r.id);
  const variantRows = products.flatMap((p, i) =>
    p.variants.map((v, position) => ({ productId: productIds[i], sku: v.sku, name: v.name, position })),
  );
  const variants = await inChunks(variantRows, 1000, (chunk) =>
    db
      .insert(variantsTable)
      .values(chunk)
      .returning({ id: variantsTable.id, productId: variantsTable.productId, position: variantsTable.position }),
  );
  const firstVariant = new Map(variants.filter((v) => v.position === 0).map((v) => [v.productId, v.id]));

  const listingRows = synthetic
    .listings(rng, families, markets)
    .map((l) => ({ marketCode: l.marketCode, productId: productIds[l.product], listedAt: l.listedAt }));
  await inChunks(listingRows, 2000, async (chunk) => void (await db.insert(listingsTable).values(chunk)));

  const rules = new Map(services.compliance.jurisdictions().map((j) => [j, services.compliance.ruleFile(j)]));
  const certificates = synthetic.certificates(rng, products, families, rules);
  const values = certificates.map(({ products: _, variantOnly: __, ...draft }) => {
    const rule = rules.get(jurisdictionOf(draft.requirementCode)).rules.find((r) => r.code === draft.requirementCode);
    const checked = checkDraft({ ...draft, holder: 'Bench Ltd.', issuedBy: 'bench' }, { rule });
    if (checked.issues.length > 0) throw new Error(`${draft.requirementCode}: ${JSON.stringify(checked.issues)}`);
    return checked.values;
  });
  const certificateIds = (
    await inChunks(values, 1000, (chunk) =>
      db.insert(certificatesTable).values(chunk).returning({ id: certificatesTable.id }),
    )
  ).map((r) => r.id);
  const coverageRows = certificates.flatMap((c, i) =>
    c.products.map((p) => ({
      certificateId: certificateIds[i],
      productId: productIds[p],
      variantId: c.variantOnly ? firstVariant.get(productIds[p]) : null,
    })),
  );
  await inChunks(coverageRows, 3000, async (chunk) => void (await db.insert(certificateCoverage).values(chunk)));

  const samples = [];
  const today = synthetic.dayFrom(0);
  certificates.forEach((c, i) => {
    const jurisdiction = jurisdictionOf(c.requirementCode);
    const inForce = c.status === 'valid' && c.issuedOn <= today && (c.expiresOn === null || today < c.expiresOn);
    if (!inForce || c.products.length < 2 || c.variantOnly) return;
    if (samples.some((s) => jurisdictionOf(s.requirementCode) === jurisdiction)) return;
    samples.push({
      id: certificateIds[i],
      requirementCode: c.requirementCode,
      productIds: c.products.map((p) => productIds[p]),
    });
  });

  return {
    products: products.length,
    variants: variants.length,
    markets: markets.length,
    listings: listingRows.length,
    certificates: certificates.length,
    coverage: coverageRows.length,
    deployments: deployments.length,
    samples,
  };
}
