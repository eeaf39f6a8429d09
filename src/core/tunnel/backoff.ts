import type { Random } from '../runtime';

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** 0..1: the delay is spread by ±jitter so many clients do not reconnect in lockstep. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 60_000, factor: 2, jitter: 0.2 };

/** Delay before attempt `attempt` (1 = the first retry), exponential and capped, with jitter. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: Random): number {
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt - 1));
  if (policy.jitter <= 0) return Math.round(base);
  const r = random.bytes(2).readUInt16BE(0) / 0xffff; // 0..1
  return Math.round(Math.min(policy.maxMs, base * (1 - policy.jitter + 2 * policy.jitter * r)));
}
