import { randomBytes } from 'node:crypto';

/**
 * Time and randomness are injected everywhere (docs/architecture.md §6) so tests are deterministic.
 * Production uses `systemRuntime`; tests pass their own.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export interface Random {
  bytes(n: number): Buffer;
}

export interface Runtime {
  clock: Clock;
  random: Random;
}

export const systemRuntime: Runtime = {
  clock: { now: () => Date.now() },
  random: { bytes: (n) => randomBytes(n) },
};

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random string of letters and digits, unbiased (rejection sampling). */
export function randomAlnum(random: Random, length: number): string {
  let out = '';
  while (out.length < length) {
    for (const b of random.bytes(length * 2)) {
      if (b < 248 && out.length < length) out += ALNUM[b % 62];
    }
  }
  return out;
}

/** A short unique id for rows; lower-case so it is safe in paths and file names. */
export function newId(random: Random, length = 12): string {
  return randomAlnum(random, length * 2)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, length);
}
