/**
 * Login lockout rules, as data. Failures are counted in a sliding window (per account since its
 * last successful login); reaching the threshold locks until `lockMinutes` after the last failure.
 */
export const LOCKOUT_POLICY = {
  windowMinutes: 15,
  lockMinutes: 15,
  perAccount: 5,
  perAddress: 20,
} as const;

export interface FailureCount {
  n: number;
  last: string | null;
}

/** Seconds until the lock lifts, or 0 when not locked. */
export function lockSecondsRemaining(count: FailureCount, threshold: number, now: Date): number {
  if (count.n < threshold || !count.last) return 0;
  const until = new Date(count.last).getTime() + LOCKOUT_POLICY.lockMinutes * 60_000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

export function windowStart(now: Date, lastSuccess: string | null): string {
  const start = new Date(now.getTime() - LOCKOUT_POLICY.windowMinutes * 60_000).toISOString();
  return lastSuccess && lastSuccess > start ? lastSuccess : start;
}
