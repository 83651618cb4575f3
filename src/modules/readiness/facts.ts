import type { Listing } from '../assortment/index.js';
import type { Product } from '../catalog/index.js';
import { type RuleFile, requirementsFor } from '../compliance/index.js';
import type { Market } from '../markets/index.js';
import type { CertificateFacts, DeploymentFacts, ProductFacts, RequirementFacts, VerdictFacts } from './verdict.js';

// Pure: the rows read for some markets and products, put together as the facts of each verdict.
// A matrix of 5,000 products x 40 markets is 200,000 verdicts, so nothing here may scan a list per
// verdict: certificates are indexed by product and deployments by set of services once, and the
// requirements are worked out once per jurisdiction and device profile, not once per verdict.

export interface Rows {
  markets: Array<{ market: Market; listings: Map<string, Listing> }>;
  products: Product[];
  /** Certificates covering any of the products (coverage limited to them), in the source's order. */
  certificates: CertificateFacts[];
  /** Deployments of the services any of the products needs, in the source's order. */
  deployments: DeploymentFacts[];
  /** The jurisdiction's rules; undefined when none are on file. */
  rules: (jurisdiction: string) => RuleFile | undefined;
}

function certificatesByProduct(certificates: CertificateFacts[]): Map<string, CertificateFacts[]> {
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

/**
 * The facts of the verdict of product `j` in market `i` (indexes into the rows), each put together
 * when asked: a matrix need not hold 200,000 of them at once.
 */
export function factsIndex(rows: Rows, instant: Date): (i: number, j: number) => VerdictFacts {
  const certificatesOf = certificatesByProduct(rows.certificates);
  const deploymentsFor = new Map<string, DeploymentFacts[]>();
  // Products with the same device profile (models of a family, colours) share their requirements.
  const profiles = new Map<string, number>();
  const products = rows.products.map((p) => {
    const services = p.requiredServices.join(' ');
    let deployments = deploymentsFor.get(services);
    if (!deployments) {
      deployments = rows.deployments.filter((d) => p.requiredServices.includes(d.serviceCode));
      deploymentsFor.set(services, deployments);
    }
    const profileKey = JSON.stringify(p.deviceProfile);
    let profile = profiles.get(profileKey);
    if (profile === undefined) {
      profile = profiles.size;
      profiles.set(profileKey, profile);
    }
    const facts: ProductFacts = { id: p.id, name: p.name, requiredServices: p.requiredServices };
    return {
      facts,
      deviceProfile: p.deviceProfile,
      profile,
      certificates: certificatesOf.get(p.id) ?? [],
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
    let requirements = m.byProfile[p.profile];
    if (requirements === undefined) {
      requirements = m.rules ? requirementsFor(m.rules, p.deviceProfile, instant) : null;
      m.byProfile[p.profile] = requirements;
    }
    return {
      market: m.facts,
      product: p.facts,
      listedAt: m.listings.get(p.facts.id)?.listedAt,
      requirements,
      certificates: p.certificates,
      deployments: p.deployments,
    };
  };
}
