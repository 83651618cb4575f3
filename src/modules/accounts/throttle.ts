// Login throttling, pure: given the recent failures of a key (an account or an IP address),
// how long must the caller wait before the next attempt?

export interface ThrottlePolicy {
  /** Failures allowed inside the window before attempts are refused. */
  maxFailures: number;
  windowMs: number;
}

// Five wrong passwords per account per 15 minutes stops online guessing of one account while a
// person who mistypes a few times is never locked out; an IP gets more room because offices and
// carrier NAT put many people behind one address.
export const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000 };
export const IP_POLICY: ThrottlePolicy = { maxFailures: 20, windowMs: 15 * 60_000 };

/** Seconds to wait (0: go ahead). `failures` are the instants of failed attempts, any order. */
export function retryAfterSeconds(failures: Date[], now: Date, policy: ThrottlePolicy): number {
  const since = now.getTime() - policy.windowMs;
  const recent = failures
    .map((f) => f.getTime())
    .filter((t) => t > since && t <= now.getTime())
    .sort((a, b) => a - b);
  if (recent.length < policy.maxFailures) return 0;
  // Attempts resume when enough failures have aged out of the window to fall below the limit.
  const unlocking = recent[recent.length - policy.maxFailures]!;
  return Math.max(1, Math.ceil((unlocking + policy.windowMs - now.getTime()) / 1000));
}
