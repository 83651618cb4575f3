// Pure: a key's usage as Akismet's key-sites report counts it, per calendar month (UTC).

export interface UsageCounts {
  /** comment-check calls answered. */
  calls: number;
  /** comment-check answers: spam (`true`, discard included) and ham (`false`). */
  spam: number;
  ham: number;
  /** submit-spam: spam the check let through. */
  missedSpam: number;
  /** submit-ham: ham the check called spam. */
  falsePositives: number;
}

export type CallKind = 'spam' | 'ham' | 'missedSpam' | 'falsePositives';

export const NO_USAGE: UsageCounts = { calls: 0, spam: 0, ham: 0, missedSpam: 0, falsePositives: 0 };

/** What one answered call adds: a comment-check is a call and a spam or ham answer; a submission is neither a call nor an answer. */
export function countOf(kind: CallKind): UsageCounts {
  return { ...NO_USAGE, calls: kind === 'spam' || kind === 'ham' ? 1 : 0, [kind]: 1 };
}

export function addUsage(a: UsageCounts, b: UsageCounts): UsageCounts {
  return {
    calls: a.calls + b.calls,
    spam: a.spam + b.spam,
    ham: a.ham + b.ham,
    missedSpam: a.missedSpam + b.missedSpam,
    falsePositives: a.falsePositives + b.falsePositives,
  };
}

/** "2026-11" for any instant in November 2026, UTC. */
export function monthOf(instant: Date): string {
  return instant.toISOString().slice(0, 7);
}

/** One key's months: the given month's counts and the totals over all months. */
export function summarise(
  months: ReadonlyArray<UsageCounts & { month: string }>,
  month: string,
): { month: UsageCounts & { month: string }; total: UsageCounts } {
  const strip = ({ calls, spam, ham, missedSpam, falsePositives }: UsageCounts): UsageCounts => ({
    calls,
    spam,
    ham,
    missedSpam,
    falsePositives,
  });
  const current = months.find((m) => m.month === month);
  return {
    month: { month, ...(current ? strip(current) : NO_USAGE) },
    total: months.map(strip).reduce(addUsage, NO_USAGE),
  };
}
