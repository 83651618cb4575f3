import { requirementsFor } from '../../dist/modules/compliance/index.js';
import { ARCHETYPES } from './profiles.mjs';
import { chance, pick } from './random.mjs';

export { CATEGORIES } from './profiles.mjs';
export { random } from './random.mjs';

// A synthetic launch scenario at scale, the same on every run (a seeded generator): product
// families of varied device profiles, 40 markets over the nine jurisdictions of rules/, cloud
// services deployed (live, planned, retired) to regions, listings, and certificates for the
// jurisdictions each family targets, some lapsed, suspended or not yet issued.

/** The instant every verdict is asked at; the scenario's dates are told from it. */
export const AT = new Date('2026-11-24T12:00:00Z');

/** The ISO day `days` after the scenario's instant (negative: before). */
export function dayFrom(days) {
  return new Date(AT.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

const EU_COUNTRIES = 'DE FR IT ES NL BE AT IE PT FI GR PL SE DK CZ RO HU SK SI HR BG LU'.split(' ');

/** 40 markets: 22 EU member states, and two or three sales channels in each other jurisdiction. */
export function markets() {
  // The shop prices in euro in every member state.
  const eu = EU_COUNTRIES.map((country) => ({
    code: country,
    name: `EU ${country}`,
    countries: [country],
    currency: 'EUR',
    locale: 'en-IE',
    taxMode: 'inclusive',
    jurisdiction: 'EU',
    allowedRegions: ['eu-central', 'eu-west'],
  }));
  const market = (code, country, jurisdiction, currency, allowedRegions) => ({
    code,
    name: `${code} shop`,
    countries: [country],
    currency,
    locale: 'en-US',
    taxMode: jurisdiction === 'US' || jurisdiction === 'CA' ? 'exclusive' : 'inclusive',
    jurisdiction,
    allowedRegions,
  });
  return [
    ...eu,
    market('US', 'US', 'US', 'USD', ['us-east', 'us-west']),
    market('USB2B', 'US', 'US', 'USD', ['us-east', 'us-west']),
    market('USPR', 'PR', 'US', 'USD', ['us-east']),
    market('CA', 'CA', 'CA', 'CAD', ['ca-central']),
    market('CAB2B', 'CA', 'CA', 'CAD', ['ca-central', 'us-east']),
    market('UK', 'GB', 'UK', 'GBP', ['uk-south']),
    market('UKB2B', 'GB', 'UK', 'GBP', ['uk-south', 'eu-west']),
    market('IN', 'IN', 'IN', 'INR', ['ap-south']),
    market('INB2B', 'IN', 'IN', 'INR', ['ap-south']),
    market('JP', 'JP', 'JP', 'JPY', ['ap-northeast-jp']),
    market('JPB2B', 'JP', 'JP', 'JPY', ['ap-northeast-jp', 'sg']),
    market('CN', 'CN', 'CN', 'CNY', ['cn-north', 'cn-east']),
    market('CNTMALL', 'CN', 'CN', 'CNY', ['cn-north', 'cn-east']),
    market('CNJD', 'CN', 'CN', 'CNY', ['cn-north']),
    market('KR', 'KR', 'KR', 'KRW', ['ap-northeast-kr']),
    market('KRB2B', 'KR', 'KR', 'KRW', ['ap-northeast-kr']),
    market('AU', 'AU', 'AU', 'AUD', ['ap-southeast-au', 'sg']),
    market('NZ', 'NZ', 'AU', 'NZD', ['ap-southeast-au', 'sg']),
  ];
}

export const REGIONS = [
  { code: 'us-east', name: 'US East', country: 'US' },
  { code: 'us-west', name: 'US West', country: 'US' },
  { code: 'ca-central', name: 'Canada Central', country: 'CA' },
  { code: 'eu-central', name: 'EU Central', country: 'DE' },
  { code: 'eu-west', name: 'EU West', country: 'IE' },
  { code: 'uk-south', name: 'UK South', country: 'GB' },
  { code: 'ap-south', name: 'Asia Pacific South', country: 'IN' },
  { code: 'sg', name: 'Singapore', country: 'SG' },
  { code: 'cn-north', name: 'China North', country: 'CN' },
  { code: 'cn-east', name: 'China East', country: 'CN' },
  { code: 'ap-northeast-jp', name: 'Asia Pacific Northeast (Tokyo)', country: 'JP' },
  { code: 'ap-northeast-kr', name: 'Asia Pacific Northeast (Seoul)', country: 'KR' },
  { code: 'ap-southeast-au', name: 'Asia Pacific Southeast (Sydney)', country: 'AU' },
];

export const SERVICES = [
  'account',
  'sync',
  'companion-app',
  'firmware-updates',
  'video-cloud',
  'push-notifications',
  'app-store',
  'voice-assistant',
  'location',
  'payments',
];

/** Each service in most regions: live, planned (dated or not), retired, or retiring soon. */
export function deployments(rng) {
  const out = [];
  for (const service of SERVICES) {
    for (const { code: region } of REGIONS) {
      const roll = rng();
      if (roll < 0.62) out.push({ service, region, liveFrom: dayFrom(-Math.round(100 + rng() * 2000)) });
      else if (roll < 0.72) out.push({ service, region, liveFrom: dayFrom(Math.round(10 + rng() * 300)) });
      else if (roll < 0.77) out.push({ service, region });
      else if (roll < 0.82)
        out.push({ service, region, liveFrom: dayFrom(-1500), retiredOn: dayFrom(-Math.round(rng() * 400)) });
      else if (roll < 0.87)
        out.push({ service, region, liveFrom: dayFrom(-900), retiredOn: dayFrom(Math.round(20 + rng() * 200)) });
    }
  }
  return out;
}

// --- products --------------------------------------------------------------------------------

/** How likely a family targets each jurisdiction; the brand's home market is China. */
const TARGETED = {
  CN: 0.95,
  US: 0.8,
  EU: 0.8,
  UK: 0.6,
  IN: 0.6,
  JP: 0.5,
  CA: 0.5,
  AU: 0.5,
  KR: 0.4,
};

/** `count` products in families of 1 to 4 models that share a profile and their certificates. */
export function products(rng, count) {
  const list = [];
  const families = [];
  while (list.length < count) {
    const id = families.length;
    const type = pick(rng, ARCHETYPES);
    const profile = { category: type.category, ...type.profile(rng) };
    const services = type.services.filter(() => chance(rng, 0.85));
    const size = Math.min(count - list.length, 1 + Math.floor(rng() * 4));
    const family = {
      id,
      products: [],
      targets: Object.entries(TARGETED)
        .filter(([, p]) => chance(rng, p))
        .map(([j]) => j),
    };
    for (let m = 0; m < size; m++) {
      const slug = `${type.category}-${id}-${m}`;
      family.products.push(list.length);
      list.push({
        slug,
        name: `${type.category} ${id}.${m}`,
        category: type.category,
        deviceProfile: profile,
        requiredServices: services,
        variants: Array.from({ length: 1 + Math.floor(rng() * 3) }, (_, v) => ({
          sku: `${slug.toUpperCase()}-V${v}`,
          name: `${type.category} ${id}.${m} variant ${v}`,
        })),
        family: id,
      });
    }
    families.push(family);
  }
  return { products: list, families };
}

// --- certificates and listings ----------------------------------------------------------------

/** The n-th identifier of a scheme, in its format; unique per requirement while n < 10,000. */
function identifier(scheme, n) {
  const digits = (width) => String(n).padStart(width, '0');
  switch (scheme) {
    case 'fcc-id':
      return `2AB3C-B${digits(5)}`;
    case 'ised-cert':
      return `12345A-B${digits(5)}`;
    case 'jp-giteki':
      return `001-B${digits(5)}`;
    case 'cmiit-id':
      return `2024DJ${digits(4)}`;
    case 'kc-radio':
      return `R-C-MIX-B${digits(5)}`;
    case 'bis-r-number':
      return `R-4${digits(7)}`;
    case 'bis-isi-licence':
      return `CM/L-1${digits(6)}`;
    case 'eu-notified-body':
      return digits(4);
    default:
      return null;
  }
}

/**
 * For each family and each jurisdiction it targets, a certificate for most requirements that
 * apply to its profile (whenever in force), covering the whole family. Most are in force; some
 * expired, are suspended, revoked or withdrawn, or are issued later.
 */
export function certificates(rng, list, families, rules) {
  const out = [];
  const issued = new Map();
  for (const family of families) {
    const profile = list[family.products[0]].deviceProfile;
    for (const jurisdiction of family.targets) {
      for (const requirement of requirementsFor(rules.get(jurisdiction), profile)) {
        if (!chance(rng, 0.92)) continue;
        const rule = rules.get(jurisdiction).rules.find((r) => r.code === requirement.code);
        const roll = rng();
        const issuedOn = roll < 0.03 ? dayFrom(Math.round(5 + rng() * 120)) : dayFrom(-Math.round(30 + rng() * 1500));
        const expiring = rule.evidence.expires || roll > 0.97;
        const expiresOn = !expiring
          ? null
          : roll > 0.97
            ? dayFrom(-Math.round(1 + rng() * 25)) // lapsed
            : dayFrom(Math.round(1 + rng() * 1000));
        const status = roll < 0.95 ? 'valid' : pick(rng, ['suspended', 'revoked', 'withdrawn']);
        const n = issued.get(rule.code) ?? 0;
        issued.set(rule.code, n + 1);
        out.push({
          requirementCode: requirement.code,
          identifier: identifier(rule.evidence.identifier, n),
          status,
          issuedOn,
          expiresOn: expiresOn !== null && expiresOn <= issuedOn ? dayFrom(400) : expiresOn,
          products: family.products,
          variantOnly: chance(rng, 0.05),
        });
      }
    }
  }
  return out;
}

/** Listings: a family is listed in most markets of the jurisdictions it targets, and in a few others. */
export function listings(rng, families, all) {
  const out = [];
  for (const family of families) {
    for (const market of all) {
      const targeted = family.targets.includes(market.jurisdiction);
      if (!chance(rng, targeted ? 0.85 : 0.03)) continue;
      for (const product of family.products) {
        const future = chance(rng, 0.03);
        const days = future ? 1 + rng() * 90 : -(1 + rng() * 700);
        out.push({ marketCode: market.code, product, listedAt: new Date(AT.getTime() + days * 86_400_000) });
      }
    }
  }
  return out;
}
