/**
 * Reads a Chrome trace (Playwright's `browser.startTracing`/`stopTracing`) of a page and tells its
 * long tasks apart: each top-level task of the renderer main thread has a wall time (what the Long
 * Tasks API sees) and a thread CPU time (`tdur`, what the page really spent).
 *
 * Why both: on a 2-core machine shared with the server and a load generator, the renderer gets
 * descheduled; a 60 ms task that ran on the CPU for 15 ms is the machine's, not the page's.
 */

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; lineNumber?: number } };
}

/** The scheduler's task: one per top-level task of the thread, in the `toplevel` category. */
const TASK = 'ThreadControllerImpl::RunTask';
const LONG_MS = 50;

/** Enough to time every main-thread task (cheap: a few hundred events a second). */
export const TASK_TRACE_CATEGORIES = ['toplevel'];
/** Also where each long task's time went, JS by function (heavier: slows the page down). */
export const EXPLAIN_TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
];

export interface MainThreadTasks {
  /** Main-thread CPU time over all tasks (ms). */
  cpuMs: number;
  /** Tasks of 50 ms or more on the wall clock (what the Long Tasks API counts). */
  longWall: number;
  /** Of those, the ones that also had 50 ms of CPU: the page's own long tasks. */
  longCpu: number;
  /** The most CPU a single task took (ms). */
  maxCpuMs: number;
  /** Every long task (wall), with its CPU time and, if the trace has the detail, where it went. */
  long: { wallMs: number; cpuMs: number; top: { what: string; ms: number }[] }[];
}

const r1 = (us: number) => Math.round(us / 100) / 10;

function label(e: TraceEvent): string {
  const d = e.args?.data;
  if (e.name === 'FunctionCall' && d) {
    const file = (d.url ?? '').split('/').pop() || '?';
    return `js:${d.functionName || '(anonymous)'} (${file}:${d.lineNumber ?? '?'})`;
  }
  return e.name;
}

/** Self time (CPU where recorded) per event label inside [from, to) of sorted, nested events. */
function selfTimes(events: TraceEvent[], from: number, to: number): Map<string, number> {
  const self = new Map<string, number>();
  const stack: { e: TraceEvent; end: number; child: number }[] = [];
  const cost = (e: TraceEvent) => e.tdur ?? e.dur!;
  const close = (upTo: number) => {
    for (let top = stack.at(-1); top && top.end <= upTo; top = stack.at(-1)) {
      stack.pop();
      const k = label(top.e);
      self.set(k, (self.get(k) ?? 0) + Math.max(0, cost(top.e) - top.child));
      const parent = stack.at(-1);
      if (parent) parent.child += cost(top.e);
    }
  };
  for (const e of events) {
    if (e.ts < from) continue;
    if (e.ts >= to) break;
    close(e.ts);
    stack.push({ e, end: e.ts + e.dur!, child: 0 });
  }
  close(Infinity);
  self.delete(TASK);
  return self;
}

export function mainThreadTasks(trace: Buffer | string): MainThreadTasks {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = events.find(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  const out: MainThreadTasks = { cpuMs: 0, longWall: 0, longCpu: 0, maxCpuMs: 0, long: [] };
  if (!main) return out;
  const onMain = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  let cpuUs = 0;
  let maxCpuUs = 0;
  let openUntil = -Infinity;
  for (const task of onMain) {
    // Outermost tasks only: a nested run loop's tasks are inside their parent's time.
    if (task.name !== TASK || task.ts < openUntil) continue;
    openUntil = task.ts + task.dur!;
    const cpu = task.tdur ?? task.dur!;
    cpuUs += cpu;
    maxCpuUs = Math.max(maxCpuUs, cpu);
    if (task.dur! < LONG_MS * 1000) continue;
    out.longWall++;
    if (cpu >= LONG_MS * 1000) out.longCpu++;
    const top = [...selfTimes(onMain, task.ts, openUntil).entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([what, us]) => ({ what, ms: r1(us) }));
    out.long.push({ wallMs: r1(task.dur!), cpuMs: r1(cpu), top });
  }
  out.cpuMs = Math.round(cpuUs / 1000);
  out.maxCpuMs = r1(maxCpuUs);
  return out;
}
