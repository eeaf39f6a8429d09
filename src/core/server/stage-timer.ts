import { performance } from 'node:perf_hooks';
import type { CallbackTimings } from '../../shared/api/areas/callbacks';

/** Per-stage durations for the callback log (docs/architecture.md §4): each `end(stage)` closes one stage. */
export class StageTimer {
  readonly start = performance.now();
  private last = this.start;
  readonly timings: CallbackTimings = {};

  end(stage: keyof CallbackTimings): void {
    const now = performance.now();
    this.timings[stage] = round(now - this.last);
    this.last = now;
  }

  /** Starts the next stage now without recording the gap (e.g. time spent waiting on a retry's first). */
  skip(): void {
    this.last = performance.now();
  }

  elapsed(): number {
    return performance.now() - this.start;
  }
}

export const round = (ms: number) => Math.round(ms * 1000) / 1000;
