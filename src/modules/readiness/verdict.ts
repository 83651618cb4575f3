import { isInForce, isoDay } from '../certificates/evidence.js';

// The sellability verdict: pure, explained, a function of data and time only.
// A product (or one of its variants) is sellable in a market at an instant when all three gates
// are open (DESIGN.md, "The three gates"): assortment (business), compliance (law), ecosystem
// (technical). Each gate names what decided it; the launch plan says what would open it.

export type GateName = 'assortment' | 'compliance' | 'ecosystem';

/** One fact behind a gate: a listing, a rule with its certificate, or a service with its deployments. */
export interface Finding {
  ok: boolean;
  /** What the finding is about: the market, a requirement code, a service code. */
  subject: string;
  /** A sentence a launch manager can read. */
  text: string;
  citation?: string;
  source?: string;
  certificate?: { id: string; identifier: string | null; expiresOn: string | null };
  regions?: string[];
}

export interface GateResult {
  gate: GateName;
  open: boolean;
  /** One line summing the gate up. */
  reason: string;
  findings: Finding[];
}

export interface PlanStep {
  gate: GateName;
  action: 'list' | 'obtain' | 'renew' | 'deploy' | 'wait';
  subject: string;
  text: string;
  /** When the step completes by itself (a planned deployment, a certificate issued later). */
  on?: string;
}

/** A gate's result and the steps that would open it. */
export interface GateOutcome {
  gate: GateResult;
  plan: PlanStep[];
}

export interface Verdict {
  sellable: boolean;
  gates: GateResult[];
  plan: PlanStep[];
  /** The earliest day it becomes sellable when every missing piece has a known date; else null. */
  earliest: string | null;
}

// --- the facts each gate needs (plain data, gathered by the service) -------------------------

export interface MarketFacts {
  code: string;
  name: string;
  jurisdiction: string;
  allowedRegions: string[];
}

export interface ProductFacts {
  id: string;
  name: string;
  /** Set when the verdict is for one variant: evidence covering only other variants does not count. */
  variantId?: string;
  requiredServices: string[];
}

export interface RequirementFacts {
  code: string;
  title: string;
  citation: string;
  source: string;
  because: string[];
}

export interface CertificateFacts {
  id: string;
  requirementCode: string;
  identifier: string | null;
  status: 'valid' | 'suspended' | 'revoked' | 'withdrawn';
  issuedOn: string;
  expiresOn: string | null;
  coverage: Array<{ productId: string; variantId: string | null }>;
}

export interface DeploymentFacts {
  serviceCode: string;
  regionCode: string;
  liveFrom: string | null;
  retiredOn: string | null;
}

export interface VerdictFacts {
  market: MarketFacts;
  product: ProductFacts;
  listedAt: Date | undefined;
  /**
   * The requirements of the market's jurisdiction that apply to the product's profile at the
   * instant; null when no rules are on file for the jurisdiction (the gate then stays closed).
   */
  requirements: RequirementFacts[] | null;
  certificates: CertificateFacts[];
  deployments: DeploymentFacts[];
}

// --- the gates ------------------------------------------------------------------------------------

export function assortmentGate(facts: VerdictFacts, instant: Date): GateOutcome {
  const { market, listedAt } = facts;
  if (listedAt && listedAt.getTime() <= instant.getTime()) {
    const text = `Listed in ${market.name}`;
    return {
      gate: { gate: 'assortment', open: true, reason: text, findings: [{ ok: true, subject: market.code, text }] },
      plan: [],
    };
  }
  const future = listedAt ? isoDay(listedAt) : undefined;
  const text = future ? `Listed for ${market.name} from ${future}` : `Not listed for ${market.name}`;
  const step: PlanStep = future
    ? { gate: 'assortment', action: 'wait', subject: market.code, text, on: future }
    : { gate: 'assortment', action: 'list', subject: market.code, text: `List it in the ${market.name} assortment` };
  return {
    gate: { gate: 'assortment', open: false, reason: text, findings: [{ ok: false, subject: market.code, text }] },
    plan: [step],
  };
}

function covers(cert: CertificateFacts, product: ProductFacts): boolean {
  return cert.coverage.some(
    (c) =>
      c.productId === product.id &&
      (c.variantId === null || product.variantId === undefined || c.variantId === product.variantId),
  );
}

export function complianceGate(facts: VerdictFacts, instant: Date): GateOutcome {
  const { market, product } = facts;
  if (facts.requirements === null) {
    // Without rules we cannot know what the law requires: fail closed, never open by ignorance.
    const text = `No rules on file for jurisdiction ${market.jurisdiction}`;
    return {
      gate: {
        gate: 'compliance',
        open: false,
        reason: text,
        findings: [{ ok: false, subject: market.jurisdiction, text }],
      },
      plan: [
        {
          gate: 'compliance',
          action: 'obtain',
          subject: market.jurisdiction,
          text: `Add rules/${market.jurisdiction}.yaml`,
        },
      ],
    };
  }
  const today = isoDay(instant);
  const findings: Finding[] = [];
  const plan: PlanStep[] = [];
  for (const req of facts.requirements) {
    const candidates: CertificateFacts[] = [];
    for (const c of facts.certificates) if (c.requirementCode === req.code && covers(c, product)) candidates.push(c);
    const inForce = candidates.find((c) => isInForce(c, instant));
    // Written out, not spread from a shared base: V8's object spread made this gate five times slower.
    const { code: subject, citation, source } = req;
    if (inForce) {
      const id = inForce.identifier ? ` ${inForce.identifier}` : '';
      const until = inForce.expiresOn ? `, valid until ${inForce.expiresOn}` : '';
      findings.push({
        subject,
        citation,
        source,
        ok: true,
        text: `${req.code} (${req.title}): certificate${id} on file${until}`,
        certificate: { id: inForce.id, identifier: inForce.identifier, expiresOn: inForce.expiresOn },
      });
      continue;
    }
    const upcoming = candidates
      .filter((c) => c.status === 'valid' && c.issuedOn > today)
      .sort((a, b) => a.issuedOn.localeCompare(b.issuedOn))[0];
    const lapsed = candidates.find((c) => c.status !== 'valid' || (c.expiresOn !== null && c.expiresOn <= today));
    let text: string;
    if (upcoming) {
      text = `${req.code} (${req.title}): certificate issued from ${upcoming.issuedOn}`;
      plan.push({ gate: 'compliance', action: 'wait', subject: req.code, text, on: upcoming.issuedOn });
    } else if (lapsed) {
      const why = lapsed.status !== 'valid' ? lapsed.status : `expired on ${lapsed.expiresOn}`;
      text = `${req.code} (${req.title}): the certificate${lapsed.identifier ? ` ${lapsed.identifier}` : ''} is ${why}`;
      plan.push({
        gate: 'compliance',
        action: 'renew',
        subject: req.code,
        text: `Renew ${req.code} for ${product.name} (${req.citation})`,
      });
    } else {
      text = `${req.code} (${req.title}): no certificate on file; required by ${req.citation} because ${req.because.join('; ')}`;
      plan.push({
        gate: 'compliance',
        action: 'obtain',
        subject: req.code,
        text: `Obtain ${req.code} for ${product.name} (${req.citation})`,
      });
    }
    findings.push({ subject, citation, source, ok: false, text });
  }
  const missing = findings.filter((f) => !f.ok);
  const reason =
    facts.requirements.length === 0
      ? `No ${market.jurisdiction} requirement applies to this product`
      : missing.length === 0
        ? `Every ${market.jurisdiction} requirement has evidence on file (${findings.length})`
        : `Missing evidence for ${missing.map((f) => f.subject).join(', ')}`;
  return { gate: { gate: 'compliance', open: missing.length === 0, reason, findings }, plan };
}

function deploymentLive(d: DeploymentFacts, today: string): boolean {
  return d.liveFrom !== null && d.liveFrom <= today && (d.retiredOn === null || today < d.retiredOn);
}

export function ecosystemGate(facts: VerdictFacts, instant: Date): GateOutcome {
  const { market, product } = facts;
  const today = isoDay(instant);
  // A market allows a handful of regions: a list is searched faster than a Set is built.
  const allowed = market.allowedRegions;
  const findings: Finding[] = [];
  const plan: PlanStep[] = [];
  for (const service of product.requiredServices) {
    // One pass over the deployments: live in an allowed region, live elsewhere, and the first of
    // the soonest planned in an allowed region.
    const liveAllowed: string[] = [];
    const liveElsewhere: string[] = [];
    let planned: DeploymentFacts | undefined;
    for (const d of facts.deployments) {
      if (d.serviceCode !== service) continue;
      const ok = allowed.includes(d.regionCode);
      if (deploymentLive(d, today)) (ok ? liveAllowed : liveElsewhere).push(d.regionCode);
      else if (ok && d.liveFrom !== null && d.liveFrom > today && (!planned || d.liveFrom < planned.liveFrom!)) {
        planned = d;
      }
    }
    if (liveAllowed.length > 0) {
      findings.push({
        ok: true,
        subject: service,
        text: `${service} is live in ${liveAllowed.join(', ')}`,
        regions: liveAllowed,
      });
      continue;
    }
    const allowedList = `[${market.allowedRegions.join(', ')}]`;
    const elsewhere = liveElsewhere.length > 0 ? `live only in ${liveElsewhere.join(', ')}` : 'live in no region';
    const text = `${service} is ${elsewhere}; ${market.name} may be served from ${allowedList}`;
    findings.push({ ok: false, subject: service, text, regions: liveElsewhere });
    if (planned) {
      plan.push({
        gate: 'ecosystem',
        action: 'wait',
        subject: service,
        text: `${service} goes live in ${planned.regionCode} on ${planned.liveFrom}`,
        on: planned.liveFrom!,
      });
    } else {
      plan.push({
        gate: 'ecosystem',
        action: 'deploy',
        subject: service,
        text: `Deploy ${service} to one of ${allowedList}`,
      });
    }
  }
  const missing = findings.filter((f) => !f.ok);
  const reason =
    product.requiredServices.length === 0
      ? 'Needs no cloud service'
      : missing.length === 0
        ? `Every cloud service it needs is live in a region allowed for ${market.name}`
        : `Not live in an allowed region: ${missing.map((f) => f.subject).join(', ')}`;
  return { gate: { gate: 'ecosystem', open: missing.length === 0, reason, findings }, plan };
}

/** The verdict for one product (or variant) in one market at one instant. */
export function verdict(facts: VerdictFacts, instant: Date): Verdict {
  const assortment = assortmentGate(facts, instant);
  const compliance = complianceGate(facts, instant);
  const ecosystem = ecosystemGate(facts, instant);
  const sellable = assortment.gate.open && compliance.gate.open && ecosystem.gate.open;
  return {
    sellable,
    gates: [assortment.gate, compliance.gate, ecosystem.gate],
    plan: [...assortment.plan, ...compliance.plan, ...ecosystem.plan],
    earliest: earliestDay(
      sellable,
      opensOn(assortment.plan),
      opensOn(compliance.plan),
      opensOn(ecosystem.plan),
      instant,
    ),
  };
}

/**
 * When a gate opens by itself: the last day its plan waits for; '' when it has no step (it is
 * open); null when a step needs someone to act.
 */
export function opensOn(plan: PlanStep[]): string | null {
  let last = '';
  for (const step of plan) {
    if (step.action !== 'wait') return null;
    // ISO days compare as strings.
    if (step.on! > last) last = step.on!;
  }
  return last;
}

/**
 * The earliest day a verdict is sellable: the instant's day when it is; else the day its last
 * closed gate opens by itself (`opensOn` of each gate), or null when one will not by itself.
 */
export function earliestDay(
  sellable: boolean,
  assortment: string | null,
  compliance: string | null,
  ecosystem: string | null,
  instant: Date,
): string | null {
  if (sellable) return isoDay(instant);
  if (assortment === null || compliance === null || ecosystem === null) return null;
  const later = assortment > compliance ? assortment : compliance;
  return later > ecosystem ? later : ecosystem;
}

/**
 * The next instant after `instant` at which any of these facts can change a verdict by itself:
 * a listing taking effect, a certificate issued or expiring, a deployment going live or retiring.
 * Caches of verdicts must not outlive it. Rule effective dates are passed in `ruleDates`.
 */
export function nextChange(facts: VerdictFacts[], ruleDates: string[], instant: Date): Date | null {
  const today = isoDay(instant);
  let next: string | null = null;
  const consider = (d: string | null | undefined) => {
    if (d && d > today && (next === null || d < next)) next = d;
  };
  let listing: number | null = null;
  for (const f of facts) {
    if (f.listedAt && f.listedAt.getTime() > instant.getTime()) {
      listing = Math.min(listing ?? Number.POSITIVE_INFINITY, f.listedAt.getTime());
    }
    for (const c of f.certificates) {
      consider(c.issuedOn);
      consider(c.expiresOn);
    }
    for (const d of f.deployments) {
      consider(d.liveFrom);
      consider(d.retiredOn);
    }
  }
  for (const d of ruleDates) consider(d);
  const dayChange = next === null ? null : new Date(`${next}T00:00:00.000Z`).getTime();
  const candidates = [dayChange, listing].filter((x): x is number => x !== null);
  return candidates.length === 0 ? null : new Date(Math.min(...candidates));
}
