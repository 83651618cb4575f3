import { describe, expect, it } from 'vitest';
import type { DeviceProfile } from '../catalog/index.js';
import { evaluate } from './conditions.js';
import { identifierProblem } from './identifiers.js';
import { parseRuleFile, RuleFileError, requirementsFor } from './rules.js';

const band: DeviceProfile = {
  category: 'fitness-band',
  electronic: true,
  digitalCircuitry: true,
  radios: ['bluetooth'],
  cellularVoice: false,
  battery: { chemistry: 'li-polymer', wattHours: 0.67, userRemovable: false },
  chargingCaseBattery: null,
  chargingPort: 'proprietary',
  mainsPowered: false,
  powerSupply: null,
  bundledPowerSupply: null,
  childrensProduct: null,
  toy: false,
  materials: [],
  bodyWorn: true,
  handheld: false,
  internetConnectable: false,
  pairsWithApp: true,
  processesPersonalData: true,
};
const earphones: DeviceProfile = {
  ...band,
  category: 'earphones-wired',
  electronic: false,
  digitalCircuitry: false,
  radios: [],
  battery: null,
  chargingPort: null,
  bodyWorn: true,
  pairsWithApp: false,
  processesPersonalData: false,
};
const plush: DeviceProfile = {
  ...earphones,
  category: 'plush-toy',
  toy: true,
  childrensProduct: { minAge: 0, maxAge: 12 },
  bodyWorn: false,
};

const rule = (code: string, appliesWhen: unknown, extra: Record<string, unknown> = {}) => ({
  code,
  title: code,
  authority: 'Regulator',
  citation: `cite ${code}`,
  source: 'https://example.org/law',
  kind: 'cert',
  confidence: 'H',
  appliesWhen,
  evidence: { type: 'certificate', expires: false, description: 'the grant' },
  ...extra,
});

const file = (rules: unknown[]) => ({ jurisdiction: 'US', name: 'United States', reviewed: '2026-11-24', rules });

const us = parseRuleFile(
  'US.yaml',
  file([
    rule(
      'US.FCC.CERTIFICATION',
      { field: 'radios', includesAny: ['cellular', 'wifi', 'bluetooth', 'nfc', 'uwb'] },
      { evidence: { type: 'certificate', identifier: 'fcc-id', expires: false, description: 'grant' } },
    ),
    rule('US.FCC.SDOC', {
      all: [{ field: 'digitalCircuitry', equals: true }, { not: { field: 'radios', present: true } }],
    }),
    rule('US.CPSIA.CPC', {
      all: [
        { field: 'childrensProduct.maxAge', lte: 12 },
        { field: 'toy', equals: true },
      ],
    }),
    rule('US.LATER', { field: 'electronic', equals: true }, { effectiveFrom: '2027-01-01' }),
  ]),
);

describe('requirements engine', () => {
  it('requires FCC certification for a Bluetooth band, and says why', () => {
    const codes = requirementsFor(us, band).map((r) => [r.code, r.because]);
    expect(codes).toContainEqual(['US.FCC.CERTIFICATION', ['radios includes bluetooth']]);
  });

  it('requires no FCC authorisation for passive wired earphones', () => {
    expect(requirementsFor(us, earphones, new Date('2026-11-24')).map((r) => r.code)).toEqual([]);
  });

  it("requires a children's product certificate for a plush toy, naming the facts", () => {
    const [cpc] = requirementsFor(us, plush, new Date('2026-11-24'));
    expect(cpc).toMatchObject({ code: 'US.CPSIA.CPC', citation: 'cite US.CPSIA.CPC' });
    expect(cpc?.because).toEqual(['childrensProduct.maxAge is 12 (<= 12)', 'toy is true']);
  });

  it('applies a rule only from its effective date when an instant is given', () => {
    expect(requirementsFor(us, band, new Date('2026-12-31T23:59:59Z')).map((r) => r.code)).not.toContain('US.LATER');
    expect(requirementsFor(us, band, new Date('2027-01-01T00:00:00Z')).map((r) => r.code)).toContain('US.LATER');
  });

  it('explains a negation', () => {
    expect(evaluate({ not: { field: 'radios', present: true } }, earphones)).toEqual({
      holds: true,
      because: ['not: radios present'],
    });
  });
});

describe('rule file validation', () => {
  const issues = (data: unknown) => {
    try {
      parseRuleFile('XX.yaml', data);
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(RuleFileError);
      return (error as RuleFileError).issues.map((i) => i.field);
    }
  };

  it('names the rule and field of a schema error', () => {
    const bad = file([rule('US.A', { field: 'toy', equals: true }, { citation: '' })]);
    expect(issues(bad)).toEqual(['rules.0 (US.A).citation']);
  });

  it('refuses an unknown profile field, a wrong operator, and a code from another jurisdiction', () => {
    const bad = file([
      rule('US.A', { field: 'colour', equals: 'red' }),
      rule('US.B', { field: 'radios', gt: 2 }),
      rule('EU.C', { field: 'toy', equals: true }),
      rule('US.D', { field: 'toy', equals: true, in: [true] }),
    ]);
    expect(issues(bad)).toEqual([
      'rules.0 (US.A).appliesWhen.field',
      'rules.1 (US.B).appliesWhen.gt',
      'rules.2 (EU.C).code',
      'rules.3 (US.D).appliesWhen',
    ]);
  });

  it('refuses a duplicate code and an empty any', () => {
    const bad = file([rule('US.A', { any: [] }), rule('US.A', { field: 'toy', equals: true })]);
    expect(issues(bad)).toEqual(['rules.0 (US.A).appliesWhen.any', 'rules.1 (US.A).code']);
  });
});

describe('identifier formats', () => {
  it.each([
    ['fcc-id', 'BCG-E3245A'],
    ['fcc-id', 'FCC ID: 2AB3CMIBAND7'],
    ['ised-cert', 'IC: 12345A-MIBAND7'],
    ['cmiit-id', '2023DJ1234'],
    ['kc-radio', 'R-C-MIX-BAND7'],
    ['bis-r-number', 'R-41001234'],
  ] as const)('accepts %s %s', (scheme, id) => {
    expect(identifierProblem(scheme, id)).toBeUndefined();
  });

  it.each([
    ['fcc-id', 'B0G-E3245A'], // grantee codes never contain 0 or 1
    ['fcc-id', 'BCG--E3245A'],
    ['fcc-id', '2AB3-X'], // a code starting with a digit has five characters
    ['bis-r-number', 'R-4100'],
  ] as const)('refuses %s %s', (scheme, id) => {
    expect(identifierProblem(scheme, id)).toMatch(/is not a valid/);
  });
});
