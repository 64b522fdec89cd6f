// Exponential back-off with jitter for retrying a throttled or briefly unavailable service:
// the delay doubles per attempt up to a cap, and a random part spreads concurrent retries so
// they do not hit the service again in lockstep.

export interface BackoffPolicy {
  /** Total tries, the first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 20_000 };

/** Delay before retry number `retry` (1 for the first retry): half fixed, half random. */
export function backoffDelayMs(policy: BackoffPolicy, retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
