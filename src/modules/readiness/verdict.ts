// The sellability verdict: pure, explained, a function of data and time only.
// A product is sellable in a market when every gate is open (DESIGN.md, "The three gates").
// The assortment gate is decided here; the compliance and ecosystem gates join the same list.

export type GateName = 'assortment' | 'compliance' | 'ecosystem';

export interface GateResult {
  gate: GateName;
  open: boolean;
  /** A sentence a shopper or a launch manager can read. */
  reason: string;
}

export interface Verdict {
  sellable: boolean;
  gates: GateResult[];
}

export interface AssortmentFacts {
  marketName: string;
  /** When the market's team listed the product; undefined when it is not listed. */
  listedAt: Date | undefined;
}

export function assortmentGate(facts: AssortmentFacts, instant: Date): GateResult {
  if (!facts.listedAt) {
    return { gate: 'assortment', open: false, reason: `Not listed for ${facts.marketName}` };
  }
  if (facts.listedAt.getTime() > instant.getTime()) {
    return {
      gate: 'assortment',
      open: false,
      reason: `Listed for ${facts.marketName} from ${facts.listedAt.toISOString()}`,
    };
  }
  return { gate: 'assortment', open: true, reason: `Listed in ${facts.marketName}` };
}

export function verdict(gates: GateResult[]): Verdict {
  return { sellable: gates.length > 0 && gates.every((g) => g.open), gates };
}
