import type { MessageMode } from '../../../shared/api/areas/accounts';
import type { DoctorCheck, DoctorCheckId } from '../../../shared/api/areas/doctor';
import type { Bilingual } from '../../../shared/api/areas/common';
import type { AccountPublicUrls, TunnelStatus } from '../../../shared/api/areas/tunnel';
import type { Clock, Random } from '../../runtime';
import type { ProbeResult } from './http-probe';
import type { DoctorProbes } from './probe-route';

export interface DoctorAccount {
  id: string;
  name: string;
  callbackSlug: string;
  mode: MessageMode;
  /** Secrets stay inside core: checks read them, reports only ever show masked hints. */
  token?: string;
  encodingAESKey?: string;
}

export interface DoctorContext {
  account: DoctorAccount;
  tunnel: TunnelStatus;
  urls: AccountPublicUrls | null;
  /** The account's URL on the local callback listener: what the local checks call without a tunnel. */
  localServerUrl: string | null;
  verifyFiles: { fileName: string; content: string }[];
  probes: DoctorProbes;
  get(url: string, opts?: { headers?: Record<string, string> }): Promise<ProbeResult>;
  clock: Clock;
  random: Random;
  /** WeChat's wait for an answer (docs/wechat-protocol.md §3.1): 5 s. */
  deadlineMs: number;
  /** The passive-reply budget from settings (replyDeadlineMs). */
  replyDeadlineMs: number;
  /** settings.callbackTimestampWindowS: how far a signed message's timestamp may lie from our clock. */
  timestampWindowS: number;
  /** The account's WeChat API origin (or the sandbox's), whose Date header tells the time; null if none. */
  apiHost: string | null;
  results: Map<DoctorCheckId, DoctorCheck>;
  /** Round-trip times (ms) of signed verification GETs through the public URL. */
  roundTrips: number[];
}

export type CheckOutcome = Omit<DoctorCheck, 'id' | 'title' | 'durationMs'>;

export interface DoctorCheckDef {
  id: DoctorCheckId;
  title: Bilingual;
  run(ctx: DoctorContext): Promise<CheckOutcome> | CheckOutcome;
}

export function skipped(saw: Bilingual, fixAt?: CheckOutcome['fixAt']): CheckOutcome {
  return fixAt ? { status: 'skip', saw, fixAt } : { status: 'skip', saw };
}

/** What a check that needs WeChat's way in says while there is none. */
export function needsPublicUrl(): CheckOutcome {
  return skipped(
    {
      zh: '需要公网地址：在“设置 → 隧道”中选择 ngrok 或填写外部公网地址并启动，然后再检查。',
      en: 'Needs a public URL: choose ngrok or enter an external public URL in Settings → Tunnel, start it, then run the checks again.',
    },
    'tunnel_settings',
  );
}

/** A check that needs a working public URL is skipped when reaching it already failed. */
export function reachFailed(ctx: DoctorContext): CheckOutcome | null {
  if (!ctx.urls) return needsPublicUrl();
  const reach = ctx.results.get('public_reach');
  if (reach && reach.status === 'fail') {
    return skipped({
      zh: '公网地址未到达 MPDesk，跳过。',
      en: 'The public URL does not reach MPDesk; skipped.',
    });
  }
  return null;
}

/** Digits like WeChat's own nonce and echostr. */
export function randomDigits(random: Random, n: number): string {
  let out = '';
  for (const b of random.bytes(n * 2)) if (b < 250 && out.length < n) out += String(b % 10);
  while (out.length < n) out += '7';
  return out;
}
