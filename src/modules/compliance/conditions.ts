import type { DeviceProfile } from '../catalog/index.js';

// The condition language of jurisdiction rules, evaluated over a device profile. Pure.
// A condition is a tree of all / any / not over predicates on one profile field:
//   { any: [ { field: radios, includesAny: [wifi, bluetooth] }, { field: cellularVoice, equals: true } ] }
// Evaluation says not only whether it holds but why, in words a reviewer can check.

export const OPERATORS = ['equals', 'in', 'includesAny', 'includesAll', 'present', 'gt', 'gte', 'lt', 'lte'] as const;
export type Operator = (typeof OPERATORS)[number];

export type Scalar = string | number | boolean;

export type Predicate = { field: string } & Partial<{
  equals: Scalar;
  in: Scalar[];
  includesAny: string[];
  includesAll: string[];
  present: boolean;
  gt: number;
  gte: number;
  lt: number;
  lte: number;
}>;

export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | Predicate;

export interface Outcome {
  holds: boolean;
  /** Why it holds (when it does): one sentence per deciding predicate. */
  because: string[];
}

// Field paths ("battery.wattHours") split once: rules name a few dozen, evaluated many times each.
const paths = new Map<string, string[]>();

function valueAt(profile: DeviceProfile, path: string): unknown {
  let parts = paths.get(path);
  if (!parts) {
    parts = path.split('.');
    paths.set(path, parts);
  }
  let current: unknown = profile;
  for (const part of parts) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

const show = (v: unknown) =>
  Array.isArray(v) ? `[${v.join(', ')}]` : v !== null && typeof v === 'object' ? 'present' : String(v);

function predicate(p: Predicate, profile: DeviceProfile): Outcome {
  const value = valueAt(profile, p.field);
  const yes = (sentence: string): Outcome => ({ holds: true, because: [sentence] });
  const no: Outcome = { holds: false, because: [] };
  if (p.present !== undefined) {
    const present = value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
    if (present !== p.present) return no;
    return yes(p.present ? `${p.field} is ${show(value)}` : `${p.field} is none`);
  }
  if (p.equals !== undefined) return value === p.equals ? yes(`${p.field} is ${show(value)}`) : no;
  if (p.in !== undefined) return p.in.includes(value as Scalar) ? yes(`${p.field} is ${show(value)}`) : no;
  if (p.includesAny !== undefined) {
    const found = Array.isArray(value) ? p.includesAny.filter((x) => value.includes(x)) : [];
    return found.length > 0 ? yes(`${p.field} includes ${found.join(', ')}`) : no;
  }
  if (p.includesAll !== undefined) {
    const all = Array.isArray(value) && p.includesAll.every((x) => value.includes(x));
    return all ? yes(`${p.field} includes ${p.includesAll.join(', ')}`) : no;
  }
  if (typeof value !== 'number') return no;
  if (p.gt !== undefined) return value > p.gt ? yes(`${p.field} is ${value} (> ${p.gt})`) : no;
  if (p.gte !== undefined) return value >= p.gte ? yes(`${p.field} is ${value} (>= ${p.gte})`) : no;
  if (p.lt !== undefined) return value < p.lt ? yes(`${p.field} is ${value} (< ${p.lt})`) : no;
  if (p.lte !== undefined) return value <= p.lte ? yes(`${p.field} is ${value} (<= ${p.lte})`) : no;
  return no;
}

export function evaluate(condition: Condition, profile: DeviceProfile): Outcome {
  if ('all' in condition) {
    const outcomes = condition.all.map((c) => evaluate(c, profile));
    return outcomes.every((o) => o.holds)
      ? { holds: true, because: outcomes.flatMap((o) => o.because) }
      : { holds: false, because: [] };
  }
  if ('any' in condition) {
    const held = condition.any.map((c) => evaluate(c, profile)).filter((o) => o.holds);
    return held.length > 0 ? { holds: true, because: held.flatMap((o) => o.because) } : { holds: false, because: [] };
  }
  if ('not' in condition) {
    const inner = evaluate(condition.not, profile);
    return inner.holds ? { holds: false, because: [] } : { holds: true, because: [`not: ${describe(condition.not)}`] };
  }
  return predicate(condition, profile);
}

/** The condition in words, for negations and for the generated rules documentation. */
export function describe(condition: Condition): string {
  if ('all' in condition) return condition.all.map(describe).join(' and ');
  if ('any' in condition) return `(${condition.any.map(describe).join(' or ')})`;
  if ('not' in condition) return `not ${describe(condition.not)}`;
  const p = condition;
  if (p.present !== undefined) return p.present ? `${p.field} present` : `no ${p.field}`;
  if (p.equals !== undefined) return `${p.field} = ${show(p.equals)}`;
  if (p.in !== undefined) return `${p.field} in ${show(p.in)}`;
  if (p.includesAny !== undefined) return `${p.field} has any of ${show(p.includesAny)}`;
  if (p.includesAll !== undefined) return `${p.field} has all of ${show(p.includesAll)}`;
  if (p.gt !== undefined) return `${p.field} > ${p.gt}`;
  if (p.gte !== undefined) return `${p.field} >= ${p.gte}`;
  if (p.lt !== undefined) return `${p.field} < ${p.lt}`;
  return `${p.field} <= ${p.lte}`;
}
