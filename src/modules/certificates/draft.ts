import type { FieldIssue } from '../../platform/errors.js';
import type { Product } from '../catalog/index.js';
import {
  IDENTIFIER_FORMATS,
  type IdentifierScheme,
  identifierProblem,
  normaliseIdentifier,
  type Rule,
} from '../compliance/index.js';
import type { CoverageInput } from './schemas.js';
import type { CertificateValues, CoverageRef } from './store.js';
import type { CertificateStatus } from './tables.js';

// A certificate as submitted (by the API, the CSV import or the demo), checked against the rule
// it is evidence for: what a schema cannot say. Every issue is collected, none stops the others,
// so a caller sees all that is wrong at once.

export interface Draft {
  requirementCode: string;
  identifier?: string | null | undefined;
  holder: string;
  issuedBy: string;
  issuedOn: string;
  expiresOn?: string | null | undefined;
  status?: CertificateStatus | undefined;
  notes?: string | undefined;
}

/** The rule a requirement code names, or why there is none. */
export type RuleLookup = { rule: Rule } | { problem: string };

/** The identifier as stored: normalised when the rule names a format, else trimmed; null when blank. */
export function storedIdentifier(rule: Rule | undefined, raw: string | null | undefined): string | null {
  const given = raw?.trim() || null;
  const scheme = rule?.evidence.identifier as IdentifierScheme | undefined;
  return given && scheme ? normaliseIdentifier(scheme, given) : given;
}

/** The values to store, and what is wrong with the draft (nothing: store them). */
export function checkDraft(draft: Draft, lookup: RuleLookup): { values: CertificateValues; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const given = draft.identifier?.trim() || null;
  let identifier = given;
  if ('problem' in lookup) {
    issues.push({ field: 'requirementCode', message: lookup.problem });
  } else {
    const { rule } = lookup;
    const scheme = rule.evidence.identifier as IdentifierScheme | undefined;
    if (scheme && !given) {
      const format = IDENTIFIER_FORMATS[scheme];
      issues.push({
        field: 'identifier',
        message: `is required for ${rule.code}: ${format.name} (e.g. ${format.example})`,
      });
    } else if (scheme && given) {
      const problem = identifierProblem(scheme, given);
      if (problem) issues.push({ field: 'identifier', message: problem });
      else identifier = storedIdentifier(rule, given);
    }
    if (rule.evidence.expires && !draft.expiresOn) {
      issues.push({
        field: 'expiresOn',
        message: `is required for ${rule.code}: its evidence expires (${rule.evidence.description})`,
      });
    }
  }
  if (draft.expiresOn && draft.expiresOn <= draft.issuedOn) {
    issues.push({ field: 'expiresOn', message: `must be after the issue date (${draft.issuedOn})` });
  }
  return {
    values: {
      requirementCode: draft.requirementCode,
      identifier,
      holder: draft.holder.trim(),
      issuedBy: draft.issuedBy.trim(),
      issuedOn: draft.issuedOn,
      expiresOn: draft.expiresOn ?? null,
      status: draft.status ?? 'valid',
      notes: draft.notes ?? '',
    },
    issues,
  };
}

/** Finds a product by id or slug; the service gives one backed by the catalog. */
export type ProductLookup = (idOrSlug: string) => Promise<Product | undefined>;

/** Coverage by id or slug / SKU, resolved to ids through the catalog. */
export async function resolveCoverage(
  coverage: CoverageInput[],
  findProduct: ProductLookup,
): Promise<{ refs: CoverageRef[]; issues: FieldIssue[] }> {
  const issues: FieldIssue[] = [];
  const refs: CoverageRef[] = [];
  const seen = new Map<string, number>();
  const whole = new Map<string, number>();
  const partial: Array<{ at: number; productId: string; slug: string }> = [];
  for (const [i, entry] of coverage.entries()) {
    const product = await findProduct(entry.product);
    if (!product) {
      issues.push({
        field: `coverage.${i}.product`,
        message: `unknown product "${entry.product}"; GET /api/admin/products lists them`,
      });
      continue;
    }
    let variantId: string | null = null;
    if (entry.variant !== undefined) {
      const variant = product.variants.find((v) => v.id === entry.variant || v.sku === entry.variant);
      if (!variant) {
        issues.push({
          field: `coverage.${i}.variant`,
          message: `product "${product.slug}" has no variant "${entry.variant}"`,
        });
        continue;
      }
      variantId = variant.id;
      partial.push({ at: i, productId: product.id, slug: product.slug });
    } else {
      whole.set(product.id, i);
    }
    const key = `${product.id}/${variantId ?? '*'}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      issues.push({ field: `coverage.${i}`, message: `covers what coverage.${earlier} covers` });
      continue;
    }
    seen.set(key, i);
    refs.push({ productId: product.id, variantId });
  }
  // Whole and single variants of one product at once would make the coverage ambiguous to read.
  for (const { at, productId, slug } of partial) {
    const all = whole.get(productId);
    if (all !== undefined) {
      issues.push({
        field: `coverage.${at}.variant`,
        message: `coverage.${all} already covers every variant of "${slug}"`,
      });
    }
  }
  return { refs, issues };
}
