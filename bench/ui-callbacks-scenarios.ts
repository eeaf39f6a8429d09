/**
 * The scenarios bench/ui-callbacks.bench.ts measures on the Callbacks screen, in the order it runs
 * them on one page: time to first rows, an idle baseline, a wheel scroll, a live stream while the
 * user types, and opening a near-limit entry. Each returns its readings; the bench reports them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from '@playwright/test';
import { request, type Agent } from 'undici';
import { computeSignature } from '../src/core/wechat/signature';
import { callApi, type HeadlessProcess } from '../test/helpers/headless-process';
import { firstOf } from '../test/helpers/indexed';
import {
  EXPLAIN_TRACE_CATEGORIES,
  mainThreadTasks,
  TASK_TRACE_CATEGORIES,
  type MainThreadTasks,
} from '../test/helpers/long-task-trace';
import { startRecording, stopRecording, waitFirstRow } from './lib/browser-probe';

/** What one bench run drives: the headless app, the browser on its console, the load's HTTP agent. */
export interface UiBench {
  h: HeadlessProcess;
  browser: Browser;
  page: Page;
  agent: Agent;
  /** The Token of the account the callbacks are signed for. */
  token: string;
  /** Whether to keep a full timeline trace of each phase (UI_BENCH_TRACE=1). */
  trace: boolean;
  root: string;
}

export type PhaseTasks = MainThreadTasks & { cpuMsPerS: number };

/** Each phase's main-thread tasks from a Chrome trace: wall vs. CPU time (see the bench's header). */
export function phaseTracer({ browser, page, trace: TRACE, root: ROOT }: UiBench) {
  let tracedSince = 0;
  return {
    start: async () => {
      await browser.startTracing(page, {
        categories: TRACE ? EXPLAIN_TRACE_CATEGORIES : TASK_TRACE_CATEGORIES,
      });
      tracedSince = performance.now();
    },
    stop: async (phase: string): Promise<PhaseTasks> => {
      const seconds = (performance.now() - tracedSince) / 1000;
      const buf = await browser.stopTracing();
      if (TRACE) {
        fs.mkdirSync(path.join(ROOT, 'reports/bench'), { recursive: true });
        fs.writeFileSync(path.join(ROOT, `reports/bench/ui-callbacks-${phase}.trace.json`), buf);
      }
      const tasks = mainThreadTasks(buf);
      return { ...tasks, cpuMsPerS: Math.round(tasks.cpuMs / seconds) };
    },
  };
}
type Tracer = ReturnType<typeof phaseTracer>;

/** Time to first rows, warm (from another screen) then cold (a reload), on the page already open. */
export async function timeToFirstRows(page: Page) {
  // Warm: from another screen to the first painted rows (bundle loaded, SSE connected).
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.evaluate("window.location.hash = '#/accounts'");
    await page.waitForSelector('[role="option"]', { state: 'detached' });
    const t0 = await page.evaluate<number>(`(() => {
      window.__bench.firstRowAt = 0;
      const now = performance.now();
      window.location.hash = '#/callbacks';
      return now;
    })()`);
    warm.push((await waitFirstRow(page)) - t0);
  }
  // Cold: a reload on #/callbacks, from navigation start (HTML, bundle, first API call).
  const cold: number[] = [];
  const coldParts: { domContentLoadedMs: number; listResponseMs: number }[] = [];
  for (let i = 0; i < 3; i++) {
    await page.reload();
    cold.push(await waitFirstRow(page));
    coldParts.push(
      await page.evaluate<{ domContentLoadedMs: number; listResponseMs: number }>(`(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const list = performance.getEntriesByType('resource').find((e) => e.name.includes('callbacks.list'));
        return {
          domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
          listResponseMs: Math.round(list ? list.responseEnd : 0),
        };
      })()`),
    );
  }
  return { warm, cold, coldParts };
}

/** 5 s of nothing with the pointer over the list, where the scroll happens next. */
export async function idleBaseline(page: Page) {
  const list = page.getByRole('listbox');
  await list.waitFor();
  const box = (await list.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // Baseline: 5 s of nothing on the same screen. On a shared machine the browser gets descheduled;
  // frames lost here are the machine's, not the screen's.
  const since = await startRecording(page);
  await new Promise((r) => setTimeout(r, 5000));
  return stopRecording(page, since);
}

/**
 * A scripted scroll with the mouse wheel (the browser's real scrolling path): 300 notches of 300 px,
 * about 2,600 rows, paging in older entries on the way.
 */
export async function scrollThrough(page: Page, tracer: Tracer) {
  await tracer.start();
  const since = await startRecording(page);
  const scrollStart = performance.now();
  for (let i = 0; i < 300; i++) {
    await page.mouse.wheel(0, 300);
    await new Promise((r) => setTimeout(r, 16));
  }
  const scroll = { ms: performance.now() - scrollStart };
  const rowsLoaded = await page.evaluate<number>(`(() => {
    const txt = document.querySelector('.cb-toolbar')?.textContent ?? '';
    return Number((/([\\d,]+)/.exec(txt)?.[1] ?? '0').replace(/,/g, ''));
  })()`);
  const scrollStats = await stopRecording(page, since);
  const scrollTasks = await tracer.stop('scroll');
  return { scroll, rowsLoaded, scrollStats, scrollTasks };
}

/** `rate` signed requests a second for `seconds` at the callback listener while the user presses Home/j. */
export async function streamWhileTyping(b: UiBench, rate: number, seconds: number, tracer: Tracer) {
  const { h, page, agent, token: TOKEN } = b;
  const list = page.getByRole('listbox');
  // Back to the top, then the stream, while the user presses j every 100 ms.
  await list.evaluate((el) => el.scrollTo(0, 0));
  await list.focus();
  await tracer.start();
  const since = await startRecording(page);
  const base = `${h.callbackUrl}/wx/bench`;
  let sent = 0;
  let ok = 0;
  let failed = 0;
  const latencies: number[] = [];
  const inflight = new Set<Promise<void>>();
  const sendOne = (n: number) => {
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = String(100000 + n);
    const openid = `oStream${n % 300}`;
    const body = `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${ts}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[stream ${n}]]></Content><MsgId>${8_000_000_000_000_000_000n + BigInt(n)}</MsgId></xml>`;
    const qs = new URLSearchParams({
      signature: computeSignature(TOKEN, ts, nonce),
      timestamp: ts,
      nonce,
      openid,
    });
    const t0 = performance.now();
    const p = request(`${base}?${qs}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/xml' },
      dispatcher: agent,
    })
      .then(async (res) => {
        await res.body.text();
        latencies.push(performance.now() - t0);
        if (res.statusCode === 200) ok++;
        else failed++;
      })
      .catch(() => {
        failed++;
      })
      .finally(() => inflight.delete(p));
    inflight.add(p);
  };
  const streamStart = performance.now();
  const total = rate * seconds;
  const typing = (async () => {
    // Home then j, alternately. Home selects the top row and follows the head; by the time of j, live
    // entries have pushed that row down, so j selects the one below it and the list scrolls there
    // (new entries then wait behind the "N new" pill until the next Home): both paths, every 200 ms.
    for (let i = 0; performance.now() - streamStart < seconds * 1000; i++) {
      await page.keyboard.press(i % 2 ? 'j' : 'Home');
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - streamStart) / 1000) * rate));
      while (sent < due) sendOne(sent++);
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  await Promise.all(inflight);
  await typing;
  const streamMs = performance.now() - streamStart;
  // Live lag: from the last response to the newest entry being in the list (or counted as "N new").
  const newest = await callApi<{ items: { id: number }[] }>(h, 'callbacks.list', { limit: 1 });
  const newestId = firstOf(newest.body.value!.items).id;
  const lagStart = performance.now();
  // In the list, or waiting behind the "N new" pill (the user was not at the top): both count.
  const shown = await page
    .waitForFunction(
      `!!document.querySelector('[data-id="${newestId}"]') || !!document.querySelector('.cb-new-pill')`,
      undefined,
      { timeout: 10_000 },
    )
    .then(
      () => true,
      () => false,
    );
  // -1: not shown within 10 s (reported, not thrown, so the other numbers survive).
  const liveLagMs = shown ? performance.now() - lagStart : -1;
  await page.waitForTimeout(300);
  const streamStats = await stopRecording(page, since);
  const streamTasks = await tracer.stop('stream');
  const pending = await page.evaluate<string>("document.querySelector('.cb-new-pill')?.textContent ?? ''");
  return { sent, ok, failed, latencies, streamMs, liveLagMs, pending, streamStats, streamTasks };
}

/** One near-limit request, then the user opens it in the detail. */
export async function openBigEntry(b: UiBench, tracer: Tracer) {
  const { h, page, agent, token: TOKEN } = b;
  const list = page.getByRole('listbox');
  const base = `${h.callbackUrl}/wx/bench`;
  // One near-limit request (750,000 characters of Chinese and ASCII, 980 KB of UTF-8; the listener
  // takes up to 1 MiB), then the user opens it: the detail shows the raw body, parsed fields, reply.
  const bigTs = String(Math.floor(Date.now() / 1000));
  const bigQuery = new URLSearchParams({
    signature: computeSignature(TOKEN, bigTs, '424242'),
    timestamp: bigTs,
    nonce: '424242',
    openid: 'oBig',
  });
  const bigText = '长文 long text '.repeat(60_000).slice(0, 750_000);
  const big = await request(`${base}?${bigQuery}`, {
    method: 'POST',
    body: `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oBig]]></FromUserName><CreateTime>${bigTs}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${bigText}]]></Content><MsgId>9000000000000000001</MsgId></xml>`,
    headers: { 'content-type': 'text/xml' },
    dispatcher: agent,
  });
  await big.body.text();
  const bigId = firstOf(
    (await callApi<{ items: { id: number }[] }>(h, 'callbacks.list', { limit: 1 })).body.value!.items,
  ).id;
  // Back at the top (Home, twice: the first shows what the "N new" pill held), the entry in view.
  await list.focus();
  await page.keyboard.press('Home');
  await page.waitForTimeout(300);
  await page.keyboard.press('Home');
  const bigRow = page.locator(`[role="option"][data-id="${bigId}"]`);
  await bigRow.waitFor();
  await page.waitForTimeout(500);
  await tracer.start();
  const since = await startRecording(page);
  const openStart = performance.now();
  await bigRow.click();
  // -1: not shown within 60 s (reported, not thrown, so the other numbers survive).
  const opened = await page.waitForSelector('.cb-detail .cb-code', { timeout: 60_000 }).then(
    () => true,
    () => false,
  );
  // The frame after the detail's content landed: it is on screen.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(r)))');
  const openMs = opened ? performance.now() - openStart : -1;
  await page.waitForTimeout(500);
  const openStats = await stopRecording(page, since);
  const openTasks = await tracer.stop('open-big');
  return { openMs, statusCode: big.statusCode, openStats, openTasks };
}
