/**
 * What the UI benches measure in the page (bench/ui-callbacks.bench.ts, bench/fans.bench.ts): the
 * instrumentation installed before the app's scripts and the readings taken from it.
 */
import type { Page } from '@playwright/test';
import { itemAt } from '../../test/helpers/indexed';

/** The `p` quantile (0-1) of `values`. */
export function q(values: number[], p: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return itemAt(s, Math.min(s.length - 1, Math.floor(p * s.length)));
}
export const r1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Installed before any page script (`page.addInitScript({ content: instrument(selector) })`): long
 * tasks, the time the first `rowSelector` is on screen, keydown-to-next-frame latency and frame gaps,
 * in `window.__bench`. Page code is kept in strings: the node-side typecheck has no DOM.
 */
export const instrument = (rowSelector: string) => `(() => {
  const b = (window.__bench = { longTasks: [], keys: [], frames: [], firstRowAt: 0, recording: false });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, dur: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const mo = new MutationObserver(() => {
    if (b.firstRowAt || !document.querySelector(${JSON.stringify(rowSelector)})) return;
    b.firstRowAt = -1;
    // The frame after the rows entered the DOM: they are on screen.
    requestAnimationFrame(() => setTimeout(() => (b.firstRowAt = performance.now())));
  });
  document.addEventListener('DOMContentLoaded', () => mo.observe(document.body, { childList: true, subtree: true }));
  addEventListener('keydown', (e) => {
    const t = e.timeStamp;
    requestAnimationFrame(() => setTimeout(() => b.keys.push(performance.now() - t)));
  }, true);
  let last = 0;
  const frame = (now) => {
    if (b.recording && last) b.frames.push(now - last);
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;

interface BenchState {
  longTasks: { start: number; dur: number }[];
  keys: number[];
  frames: number[];
  firstRowAt: number;
}

/** From now on, what stopRecording reports; returns the page's clock. */
export async function startRecording(page: Page) {
  return page.evaluate<number>(`(() => {
    const b = window.__bench;
    b.longTasks = [];
    b.keys = [];
    b.frames = [];
    b.recording = true;
    return performance.now();
  })()`);
}

/** Long tasks, frames and key latencies since `since` (startRecording's clock). */
export async function stopRecording(page: Page, since: number) {
  const b = await page.evaluate<BenchState>('(window.__bench.recording = false, window.__bench)');
  const lt = b.longTasks.filter((t) => t.start >= since).map((t) => t.dur);
  return {
    longTasks: lt.length,
    longTaskTotalMs: r1(lt.reduce((a, v) => a + v, 0)),
    longTaskMaxMs: r1(Math.max(0, ...lt)),
    frames: b.frames.length,
    frameP50Ms: r1(q(b.frames, 0.5)),
    frameP95Ms: r1(q(b.frames, 0.95)),
    frameMaxMs: r1(Math.max(0, ...b.frames)),
    framesOver50Ms: b.frames.filter((f) => f > 50).length,
    keys: b.keys.length,
    keyP50Ms: r1(q(b.keys, 0.5)),
    keyP95Ms: r1(q(b.keys, 0.95)),
    keyMaxMs: r1(Math.max(0, ...b.keys)),
  };
}

/** What stopRecording reads. */
export type PageStats = Awaited<ReturnType<typeof stopRecording>>;

/** When the first row was on screen (the page's clock), once it is. */
export async function waitFirstRow(page: Page): Promise<number> {
  await page.waitForFunction('window.__bench.firstRowAt > 0', undefined, { timeout: 30_000 });
  return page.evaluate<number>('window.__bench.firstRowAt');
}
