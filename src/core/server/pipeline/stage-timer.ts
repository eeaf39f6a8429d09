import { performance } from 'node:perf_hooks';
import type { CallbackTimings } from '../../../shared/api/areas/callbacks';

export type Stage = keyof CallbackTimings;

/** In the order they run (docs/architecture.md §4); record and write are stored apart. */
const STAGES: readonly Stage[] = ['read', 'verify', 'decrypt', 'parse', 'handle', 'build', 'encrypt'];

/**
 * Per-stage durations for the callback log (docs/architecture.md §4). A stage is timed by wrapping
 * it (`time`, `timed`), never by calls scattered through its logic; a stage that runs twice
 * (a check before and after a decryption) adds up.
 */
export class StageTimer {
  readonly start = performance.now();
  readonly timings: CallbackTimings = {};

  /** Runs `fn` as `stage`. */
  time<T>(stage: Stage, fn: () => T): T {
    const s = performance.now();
    try {
      return fn();
    } finally {
      this.add(stage, performance.now() - s);
    }
  }

  /** Waits for `work` as `stage` (a promise is timed until it settles). */
  async timed<T>(stage: Stage, work: Promise<T>): Promise<T> {
    const s = performance.now();
    try {
      return await work;
    } finally {
      this.add(stage, performance.now() - s);
    }
  }

  /** A stage that began when the request did (the body read). */
  sinceStart(stage: Stage): void {
    this.add(stage, performance.now() - this.start);
  }

  /** The timings as the log row stores them (JSON), written out: this runs once per request. */
  json(): string {
    const t = this.timings;
    let out = '';
    for (const stage of STAGES) {
      const ms = t[stage];
      if (ms !== undefined) out += `${out ? ',' : '{'}"${stage}":${ms}`;
    }
    return out ? `${out}}` : '{}';
  }

  elapsed(): number {
    return performance.now() - this.start;
  }

  private add(stage: Stage, ms: number): void {
    this.timings[stage] = round((this.timings[stage] ?? 0) + ms);
  }
}

export const round = (ms: number) => Math.round(ms * 1000) / 1000;
