import type { Product } from '../catalog/index.js';
import { type RuleFile, requirementsFor } from '../compliance/index.js';
import type { Market } from '../markets/index.js';
import type { CertificateFacts, DeploymentFacts, ProductFacts, RequirementFacts, VerdictFacts } from './verdict.js';

// Pure: the rows read for some markets and products, put together as the facts of each verdict.
// A matrix of 5,000 products x 40 markets is 200,000 verdicts, so nothing here may scan a list per
// verdict: certificates are indexed by product and deployments by set of services once, and the
// requirements are worked out once per jurisdiction and device profile, not once per verdict.
// What does not depend on the instant (products prepared, certificates by product) can be kept
// between matrices (rows.ts); the requirements, which do, are worked out for each instant.

/** A product prepared for verdicts, once however many markets and instants. */
export interface PreparedProduct {
  product: Product;
  facts: ProductFacts;
  /** Its device profile, numbered: products with the same profile (a family's models) share requirements. */
  profile: number;
  /** Its set of required services, numbered: products needing the same services share their deployments. */
  services: number;
}

export interface Rows {
  /** Each market with when each product was listed there (ms since the epoch), by product id. */
  markets: Array<{ market: Market; listings: ReadonlyMap<string, number> }>;
  products: PreparedProduct[];
  /** Certificates covering each product (at least these products), in the source's order. */
  certificates: ReadonlyMap<string, CertificateFacts[]>;
  /** Deployments of the services any of the products needs (or more), in the source's order. */
  deployments: DeploymentFacts[];
  /** The jurisdiction's rules; undefined when none are on file. */
  rules: (jurisdiction: string) => RuleFile | undefined;
}

export function prepareProducts(products: Product[]): PreparedProduct[] {
  const profiles = new Map<string, number>();
  const serviceSets = new Map<string, number>();
  const number = (numbers: Map<string, number>, key: string) => {
    let n = numbers.get(key);
    if (n === undefined) {
      n = numbers.size;
      numbers.set(key, n);
    }
    return n;
  };
  return products.map((product) => ({
    product,
    facts: { id: product.id, name: product.name, requiredServices: product.requiredServices },
    profile: number(profiles, JSON.stringify(product.deviceProfile)),
    services: number(serviceSets, product.requiredServices.join(' ')),
  }));
}

export function certificatesByProduct(certificates: CertificateFacts[]): Map<string, CertificateFacts[]> {
  const byProduct = new Map<string, CertificateFacts[]>();
  for (const certificate of certificates) {
    for (const { productId } of certificate.coverage) {
      const list = byProduct.get(productId);
      // A certificate covering several variants of the product is listed once.
      if (!list) byProduct.set(productId, [certificate]);
      else if (list.at(-1) !== certificate) list.push(certificate);
    }
  }
  return byProduct;
}

const NONE: CertificateFacts[] = [];

/**
 * The facts of the verdict of product `j` in market `i` (indexes into the rows), each put together
 * when asked: a matrix need not hold 200,000 of them at once.
 */
export function factsIndex(rows: Rows, instant: Date): (i: number, j: number) => VerdictFacts {
  const deploymentsFor: DeploymentFacts[][] = [];
  const products = rows.products.map((p) => {
    let deployments = deploymentsFor[p.services];
    if (!deployments) {
      const services = p.facts.requiredServices;
      deployments = rows.deployments.filter((d) => services.includes(d.serviceCode));
      deploymentsFor[p.services] = deployments;
    }
    return {
      facts: p.facts,
      deviceProfile: p.product.deviceProfile,
      profile: p.profile,
      certificates: rows.certificates.get(p.facts.id) ?? NONE,
      deployments,
    };
  });

  // Requirements by jurisdiction, then by profile, shared by the markets of a jurisdiction.
  const requirements = new Map<string, Array<RequirementFacts[] | null>>();
  const markets = rows.markets.map(({ market, listings }) => {
    let byProfile = requirements.get(market.jurisdiction);
    if (!byProfile) {
      byProfile = [];
      requirements.set(market.jurisdiction, byProfile);
    }
    const facts = {
      code: market.code,
      name: market.name,
      jurisdiction: market.jurisdiction,
      allowedRegions: market.allowedRegions,
    };
    return { facts, listings, rules: rows.rules(market.jurisdiction), byProfile };
  });

  return (i, j) => {
    const m = markets[i]!;
    const p = products[j]!;
    const listedAt = m.listings.get(p.facts.id);
    let requirements = m.byProfile[p.profile];
    if (requirements === undefined) {
      requirements = m.rules ? requirementsFor(m.rules, p.deviceProfile, instant) : null;
      m.byProfile[p.profile] = requirements;
    }
    return {
      market: m.facts,
      product: p.facts,
      listedAt: listedAt === undefined ? undefined : new Date(listedAt),
      requirements,
      certificates: p.certificates,
      deployments: p.deployments,
    };
  };
}
