import { request, type Dispatcher } from 'undici';
import { netFailureOf, type NetFailure } from '../../../shared/errors';

export type ProbeErrorKind = Exclude<NetFailure, 'http_error'>;

export interface ProbeResponse {
  ok: true;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  ms: number;
}

export interface ProbeError {
  ok: false;
  kind: ProbeErrorKind;
  message: string;
  ms: number;
}

export type ProbeResult = ProbeResponse | ProbeError;

export interface HttpProbeOptions {
  dispatcher?: Dispatcher;
  /** Monotonic milliseconds for round-trip times. */
  monotonic: () => number;
}

/** A browser inside WeChat (what opens OAuth pages), and a plain server-side client like WeChat's own. */
export const WECHAT_BROWSER_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
export const DOCTOR_UA = 'MPDesk-Doctor/1';

const MAX_BODY = 64 * 1024;

/** One GET with a hard deadline; never throws. The body is kept byte-exact (first 64 KiB). */
export async function httpGet(
  url: string,
  opts: HttpProbeOptions & {
    timeoutMs: number;
    headers?: Record<string, string>;
    /** A fresh single-use ticket per request, so our listener logs it as the doctor's. */
    probeHeaders?: () => Record<string, string>;
  },
): Promise<ProbeResult> {
  const t0 = opts.monotonic();
  const signal = AbortSignal.timeout(opts.timeoutMs);
  try {
    const res = await request(url, {
      method: 'GET',
      dispatcher: opts.dispatcher,
      // The probe ticket (server/source-key.ts) lets the callback log tell the doctor's requests from WeChat's.
      headers: { 'user-agent': DOCTOR_UA, accept: '*/*', ...opts.probeHeaders?.(), ...opts.headers },
      signal,
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of res.body) {
      const b = c as Buffer;
      if (size < MAX_BODY) chunks.push(b.subarray(0, MAX_BODY - size));
      size += b.length;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers))
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    return {
      ok: true,
      status: res.statusCode,
      headers,
      body: Buffer.concat(chunks),
      ms: opts.monotonic() - t0,
    };
  } catch (e) {
    return { ok: false, ...classify(e, signal.aborted), ms: opts.monotonic() - t0 };
  }
}

function classify(e: unknown, aborted: boolean): { kind: ProbeErrorKind; message: string } {
  const err = e as { message?: string; cause?: { message?: string } };
  const message = err?.cause?.message ?? err?.message ?? String(e);
  return { kind: aborted ? 'timeout' : netFailureOf(e), message };
}
