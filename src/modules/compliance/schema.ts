import Type, { type Static } from 'typebox';
import type { FieldIssue } from '../../platform/errors.js';
import { DeviceProfileSchema } from '../catalog/index.js';
import { type Condition, OPERATORS } from './conditions.js';
import { IDENTIFIER_FORMATS } from './identifiers.js';

// The shape of a jurisdiction rule file (rules/<JURISDICTION>.yaml). The schema checks the
// shape; `conditionIssues` checks what a schema cannot: that each condition names a real
// profile field and compares it with a value of the right type.

export const JURISDICTION = '^[A-Z]{2,3}$';
const ISO_DATE = '^\\d{4}-\\d{2}-\\d{2}$';

export const EVIDENCE_TYPES = ['certificate', 'declaration', 'registration', 'test-report', 'record'] as const;

export const RuleSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z]{2,3}(\\.[A-Z0-9_]+)+$', description: '<JURISDICTION>.<SCHEME>[.<KIND>]' }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    authority: Type.String({ minLength: 1, maxLength: 200 }),
    citation: Type.String({ minLength: 1, maxLength: 500, description: 'the legal basis, e.g. "47 CFR 2.907"' }),
    source: Type.String({
      pattern: '^https://\\S+$',
      description: "the regulation's text or the regulator's guidance",
    }),
    kind: Type.Enum(['cert', 'decl', 'reg', 'oblig'], {
      description: 'third-party certification, self-declaration, registration, or an obligation',
    }),
    confidence: Type.Enum(['H', 'M', 'L'], {
      description: 'H: law text read; M: one good source or inference; L: check',
    }),
    appliesWhen: Type.Unknown({
      description: 'condition over the device profile (all / any / not / field predicates)',
    }),
    evidence: Type.Object(
      {
        type: Type.Enum([...EVIDENCE_TYPES]),
        identifier: Type.Optional(Type.Enum(Object.keys(IDENTIFIER_FORMATS), { description: 'identifier format' })),
        expires: Type.Boolean({ description: 'whether the evidence has an expiry date' }),
        description: Type.String({ minLength: 1, maxLength: 300, description: 'what to keep on file' }),
      },
      { additionalProperties: false },
    ),
    effectiveFrom: Type.Optional(Type.String({ pattern: ISO_DATE, description: 'applies to sales from this date' })),
    effectiveUntil: Type.Optional(Type.String({ pattern: ISO_DATE, description: 'applies to sales before this date' })),
    notes: Type.Optional(Type.String({ maxLength: 3000 })),
  },
  { additionalProperties: false },
);
export type Rule = Omit<Static<typeof RuleSchema>, 'appliesWhen'> & { appliesWhen: Condition };

export const RuleFileSchema = Type.Object(
  {
    jurisdiction: Type.String({ pattern: JURISDICTION }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    reviewed: Type.String({ pattern: ISO_DATE, description: 'when the file was last checked against its sources' }),
    rules: Type.Array(RuleSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type RuleFile = Omit<Static<typeof RuleFileSchema>, 'rules'> & { rules: Rule[] };

type FieldKind = 'boolean' | 'string' | 'list' | 'number' | 'object';

// The profile's fields and their kinds, read off the catalog's schema so the two never drift.
export const PROFILE_FIELDS: ReadonlyMap<string, FieldKind> = (() => {
  const fields = new Map<string, FieldKind>();
  const walk = (properties: Record<string, Record<string, unknown>>, prefix: string) => {
    for (const [name, schema] of Object.entries(properties)) {
      const path = prefix + name;
      const branch =
        (schema.anyOf as Array<Record<string, unknown>> | undefined)?.find((s) => s.type !== 'null') ?? schema;
      if (branch.type === 'object') {
        fields.set(path, 'object');
        walk(branch.properties as Record<string, Record<string, unknown>>, `${path}.`);
      } else if (branch.type === 'array') fields.set(path, 'list');
      else if (branch.type === 'boolean') fields.set(path, 'boolean');
      else if (branch.type === 'number' || branch.type === 'integer') fields.set(path, 'number');
      else fields.set(path, 'string');
    }
  };
  walk(DeviceProfileSchema.properties as unknown as Record<string, Record<string, unknown>>, '');
  return fields;
})();

const ACCEPTS: Record<(typeof OPERATORS)[number], FieldKind[]> = {
  equals: ['boolean', 'string', 'number'],
  in: ['string', 'number'],
  includesAny: ['list'],
  includesAll: ['list'],
  present: ['object', 'string', 'list', 'number'],
  gt: ['number'],
  gte: ['number'],
  lt: ['number'],
  lte: ['number'],
};

/** What is wrong with a condition tree, each issue with the path to it. */
export function conditionIssues(condition: unknown, path: string): FieldIssue[] {
  if (!condition || typeof condition !== 'object' || Array.isArray(condition)) {
    return [{ field: path, message: 'must be a condition: {all: [...]}, {any: [...]}, {not: ...} or {field: ...}' }];
  }
  const c = condition as Record<string, unknown>;
  const keys = Object.keys(c);
  for (const group of ['all', 'any'] as const) {
    if (group in c) {
      if (keys.length !== 1) return [{ field: path, message: `"${group}" stands alone in its condition` }];
      const list = c[group];
      if (!Array.isArray(list) || list.length === 0) {
        return [{ field: `${path}.${group}`, message: 'must be a non-empty list of conditions' }];
      }
      return list.flatMap((item, i) => conditionIssues(item, `${path}.${group}.${i}`));
    }
  }
  if ('not' in c) {
    if (keys.length !== 1) return [{ field: path, message: '"not" stands alone in its condition' }];
    return conditionIssues(c.not, `${path}.not`);
  }
  const field = c.field;
  if (typeof field !== 'string') return [{ field: `${path}.field`, message: 'names a device profile field' }];
  const kind = PROFILE_FIELDS.get(field);
  if (!kind) return [{ field: `${path}.field`, message: `"${field}" is not a device profile field` }];
  const operators = keys.filter((k) => k !== 'field');
  const known = operators.filter((k): k is (typeof OPERATORS)[number] => (OPERATORS as readonly string[]).includes(k));
  if (operators.length !== 1 || known.length !== 1) {
    return [
      {
        field: path,
        message: `needs exactly one operator of ${OPERATORS.join(', ')}; has ${operators.join(', ') || 'none'}`,
      },
    ];
  }
  const op = known[0]!;
  if (!ACCEPTS[op].includes(kind)) {
    return [{ field: `${path}.${op}`, message: `does not apply to ${field}, a ${kind} field` }];
  }
  const value = c[op];
  const valid =
    op === 'present'
      ? typeof value === 'boolean'
      : op === 'in' || op === 'includesAny' || op === 'includesAll'
        ? Array.isArray(value) && value.length > 0
        : op === 'equals'
          ? typeof value === (kind === 'boolean' ? 'boolean' : kind === 'number' ? 'number' : 'string')
          : typeof value === 'number';
  return valid ? [] : [{ field: `${path}.${op}`, message: `has a value of the wrong type for ${field}` }];
}
