import { formatDay } from '../../format';
import { GATES, type GateName, type GateStates } from './api';

// How a verdict reads at a glance: three states, each with a colour, a symbol and words, so colour is never
// the only signal.

export type VerdictState = 'sellable' | 'dated' | 'blocked';

export function stateOf(verdict: { sellable: boolean; earliest: string | null }): VerdictState {
  if (verdict.sellable) return 'sellable';
  return verdict.earliest ? 'dated' : 'blocked';
}

export const STATE_SYMBOL: Record<VerdictState, string> = { sellable: '✓', dated: '◷', blocked: '✕' };

export const GATE_LABEL: Record<GateName, string> = {
  assortment: 'Assortment',
  compliance: 'Compliance',
  ecosystem: 'Ecosystem',
};

/** What each gate stands for, in the words of DESIGN.md's three gates. */
export const GATE_MEANING: Record<GateName, string> = {
  assortment: 'business: the market team lists it',
  compliance: 'law: evidence for every requirement',
  ecosystem: 'technology: its cloud services run where the market allows',
};

/** "A", "C", "E": the closed gates in a matrix cell; the legend spells them out. */
export const GATE_LETTER: Record<GateName, string> = { assortment: 'A', compliance: 'C', ecosystem: 'E' };

export function closedGates(gates: GateStates): GateName[] {
  return GATES.filter((gate) => !gates[gate]);
}

function list(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** The verdict in a phrase: "sellable", "blocked, sellable from 1 Mar 2027", "blocked". */
export function verdictPhrase(verdict: { sellable: boolean; earliest: string | null }): string {
  const state = stateOf(verdict);
  if (state === 'sellable') return 'sellable';
  return state === 'dated' && verdict.earliest ? `blocked, sellable from ${formatDay(verdict.earliest)}` : 'blocked';
}

/** The accessible name of a matrix cell: "Mi 4 in United States: blocked (assortment and compliance closed)". */
export function cellName(
  product: string,
  market: string,
  verdict: { sellable: boolean; earliest: string | null; gates: GateStates },
): string {
  const closed = closedGates(verdict.gates);
  const why = closed.length > 0 ? ` (${list(closed)} closed)` : '';
  return `${product} in ${market}: ${verdictPhrase(verdict)}${why}`;
}
