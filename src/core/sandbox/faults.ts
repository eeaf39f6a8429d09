import type { SandboxFault } from '../../shared/api/areas/sandbox';

/** What to do with one request, decided before it is routed. */
export interface FaultPlan {
  delayMs: number;
  /** The one non-latency fault to act out, if any. */
  act?: SandboxFault;
}

/**
 * Fault injection for the sandbox platform: added latency, `-1` system busy, HTTP 5xx and dropped
 * connections, each for a path prefix and a number of requests (or until cleared).
 */
export class FaultBook {
  private faults: (SandboxFault & { left?: number })[] = [];

  set(faults: SandboxFault[]): void {
    this.faults = faults.map((f) => ({ ...f, left: f.times }));
  }

  list(): SandboxFault[] {
    return this.faults.map(({ left, ...f }) => ({ ...f, ...(left !== undefined ? { times: left } : {}) }));
  }

  plan(path: string): FaultPlan {
    const plan: FaultPlan = { delayMs: 0 };
    for (const f of this.faults) {
      if (f.pathPrefix && !path.startsWith(f.pathPrefix)) continue;
      if (f.left !== undefined && f.left <= 0) continue;
      if (f.kind === 'latency') {
        plan.delayMs += f.latencyMs ?? 1000;
      } else if (plan.act) {
        continue;
      } else {
        plan.act = f;
      }
      if (f.left !== undefined) f.left--;
    }
    this.faults = this.faults.filter((f) => f.left === undefined || f.left > 0);
    return plan;
  }
}
