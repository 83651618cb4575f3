import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { type FieldIssue, ValidationError } from '../../platform/errors.js';
import { check } from '../../platform/validate.js';
import type { DeviceProfile } from '../catalog/index.js';
import { evaluate } from './conditions.js';
import { conditionIssues, type Rule, type RuleFile, RuleFileSchema } from './schema.js';

// Jurisdiction rules: loaded from rules/*.yaml once at start, validated whole, then applied to
// device profiles by a pure function.

export const RULES_DIR = fileURLToPath(new URL('../../../rules/', import.meta.url));

export class RuleFileError extends Error {
  override readonly name = 'RuleFileError';
  constructor(
    readonly file: string,
    readonly issues: FieldIssue[],
  ) {
    super(`${file}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
  }
}

/** Validates one parsed rule file; `file` names it in errors. */
export function parseRuleFile(file: string, data: unknown): RuleFile {
  let parsed: RuleFile;
  try {
    parsed = check(RuleFileSchema, data) as RuleFile;
  } catch (error) {
    if (error instanceof ValidationError) throw new RuleFileError(file, named(data, error.errors ?? []));
    throw error;
  }
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  parsed.rules.forEach((rule, i) => {
    const at = `rules.${i} (${rule.code})`;
    if (!rule.code.startsWith(`${parsed.jurisdiction}.`)) {
      issues.push({ field: `${at}.code`, message: `must start with "${parsed.jurisdiction}."` });
    }
    if (seen.has(rule.code)) issues.push({ field: `${at}.code`, message: 'appears twice in the file' });
    seen.add(rule.code);
    issues.push(...conditionIssues(rule.appliesWhen, `${at}.appliesWhen`));
    if (rule.effectiveFrom && rule.effectiveUntil && rule.effectiveFrom >= rule.effectiveUntil) {
      issues.push({ field: `${at}.effectiveUntil`, message: 'must be after effectiveFrom' });
    }
  });
  if (issues.length > 0) throw new RuleFileError(file, issues);
  return parsed;
}

/** Puts the rule's code beside its index in schema errors ("rules.3 (US.FCC.SDOC).citation"). */
function named(data: unknown, issues: FieldIssue[]): FieldIssue[] {
  const rules = (data as { rules?: Array<{ code?: unknown }> } | null)?.rules;
  return issues.map((issue) => {
    const match = /^rules\.(\d+)(.*)$/.exec(issue.field);
    const code = match ? rules?.[Number(match[1])]?.code : undefined;
    return match && typeof code === 'string' ? { ...issue, field: `rules.${match[1]} (${code})${match[2]}` } : issue;
  });
}

/** Every jurisdiction's rules, by jurisdiction code. Throws RuleFileError naming file, rule and field. */
export function loadRules(dir: string = RULES_DIR): Map<string, RuleFile> {
  const files = new Map<string, RuleFile>();
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const path = join(dir, name);
    let data: unknown;
    try {
      data = parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new RuleFileError(path, [{ field: '(file)', message: `is not valid YAML: ${(error as Error).message}` }]);
    }
    const file = parseRuleFile(path, data);
    if (name !== `${file.jurisdiction}.yaml`) {
      throw new RuleFileError(path, [
        { field: 'jurisdiction', message: `"${file.jurisdiction}" must match the file name` },
      ]);
    }
    files.set(file.jurisdiction, file);
  }
  return files;
}

export interface Requirement {
  code: string;
  title: string;
  citation: string;
  source: string;
  kind: Rule['kind'];
  confidence: Rule['confidence'];
  evidence: Rule['evidence'];
  /** The profile facts that made the rule apply. */
  because: string[];
  notes?: string;
}

function inForce(rule: Rule, day: string | undefined): boolean {
  if (!day) return true;
  return (!rule.effectiveFrom || day >= rule.effectiveFrom) && (!rule.effectiveUntil || day < rule.effectiveUntil);
}

/** The requirements that apply to a product with this profile, at an instant (all rules without one). */
export function requirementsFor(rules: RuleFile, profile: DeviceProfile, instant?: Date): Requirement[] {
  const out: Requirement[] = [];
  const day = instant?.toISOString().slice(0, 10);
  for (const rule of rules.rules) {
    if (!inForce(rule, day)) continue;
    const outcome = evaluate(rule.appliesWhen, profile);
    if (!outcome.holds) continue;
    out.push({
      code: rule.code,
      title: rule.title,
      citation: rule.citation,
      source: rule.source,
      kind: rule.kind,
      confidence: rule.confidence,
      evidence: rule.evidence,
      because: outcome.because,
      ...(rule.notes ? { notes: rule.notes } : {}),
    });
  }
  return out;
}
