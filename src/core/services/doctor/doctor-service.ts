import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import type { DoctorCheck, DoctorCheckId, DoctorReport } from '../../../shared/api/areas/doctor';
import type Database from 'better-sqlite3';
import type { EventBus } from '../../event-bus';
import type { Runtime } from '../../runtime';
import { storageError } from '../../store/open-database';
import type { AccountsService } from '../accounts-service';
import type { DoctorCheckDef, DoctorContext } from './check-context';
import { browserInterstitialCheck } from './check-browser-interstitial';
import { clockCheck } from './check-clock';
import { echoExactCheck, signatureEnforcedCheck } from './check-echo';
import { mpVerifyCheck } from './check-mp-verify';
import { oauthDomainCheck } from './check-oauth-domain';
import { pasteValues, pasteValuesCheck } from './check-paste-values';
import { publicPortCheck } from './check-public-port';
import { publicReachCheck } from './check-public-reach';
import { roundTripCheck } from './check-round-trip';
import { aesKeyFormatCheck, tokenFormatCheck } from './check-secret-formats';
import { tunnelOnlineCheck } from './check-tunnel-online';
import { DoctorRunsRepo } from './doctor-runs-repo';
import { httpGet } from './http-probe';
import type { SourceKey } from '../../server/source-key';
import type { DoctorProbes } from './probe-route';
import type { AreaHandlers } from '../handler-types';
import type { TunnelService } from '../tunnel-service';

/** In order: later checks read earlier results (a failed reach skips what depends on it). */
export const DOCTOR_CHECKS: readonly DoctorCheckDef[] = [
  tunnelOnlineCheck,
  publicReachCheck,
  echoExactCheck,
  signatureEnforcedCheck,
  publicPortCheck,
  roundTripCheck,
  tokenFormatCheck,
  aesKeyFormatCheck,
  pasteValuesCheck,
  oauthDomainCheck,
  browserInterstitialCheck,
  mpVerifyCheck,
  clockCheck,
];

export interface DoctorOverrides {
  dispatcher?: Dispatcher;
  monotonic?: () => number;
  /** WeChat's deadline (5 s, docs/wechat-protocol.md §3.1); tests shrink it to keep slow cases fast. */
  deadlineMs?: number;
}

export interface DoctorServiceDeps {
  /** Marks the doctor's probes for our own listener's log (single-use tickets, never the key). */
  sources: Pick<SourceKey, 'probeHeaders'>;
  db: Database.Database;
  events: EventBus;
  rt: Runtime;
  accounts: AccountsService;
  tunnel: TunnelService;
  probes: DoctorProbes;
  verifyFiles(accountId: string): { fileName: string; content: string }[];
  replyDeadlineMs(): number;
  timestampWindowS(): number;
  /** The account's API origin for the clock check; null when there is none (sandbox not running). */
  apiHost(accountId: string): string | null;
  overrides?: DoctorOverrides;
}

const RANK = { pass: 0, info: 0, skip: 0, warn: 1, fail: 2 } as const;

/** Checks whose failure means WeChat's verification (提交) would fail (docs/wechat-protocol.md §0-§1). */
const SUBMIT_CRITICAL: ReadonlySet<DoctorCheckId> = new Set([
  'tunnel_online',
  'public_reach',
  'echo_exact',
  'public_port',
  'round_trip',
  'token_format',
  'aes_key_format',
]);

/** The setup doctor (issue 7): runs the checks for one account, keeps the report, emits `doctor.completed`. */
export class DoctorService {
  private readonly repo: DoctorRunsRepo;
  private readonly running = new Map<string, Promise<DoctorReport>>();

  constructor(private readonly deps: DoctorServiceDeps) {
    this.repo = new DoctorRunsRepo(deps.db);
  }

  /** One run per account at a time: a second call while one runs gets the same report. */
  run(accountId: string): Promise<DoctorReport> {
    const current = this.running.get(accountId);
    if (current) return current;
    const p = this.runOnce(accountId).finally(() => this.running.delete(accountId));
    this.running.set(accountId, p);
    return p;
  }

  last(accountId: string): { report: DoctorReport | null } {
    this.deps.accounts.get(accountId); // not_found for an unknown account
    return { report: this.repo.last(accountId) };
  }

  private async runOnce(accountId: string): Promise<DoctorReport> {
    const { rt, overrides } = this.deps;
    const account = this.deps.accounts.get(accountId);
    const creds = this.deps.accounts.credentials(accountId);
    const monotonic = overrides?.monotonic ?? (() => performance.now());
    const deadlineMs = overrides?.deadlineMs ?? 5_000;
    const startedAt = rt.clock.now();
    const tunnel = this.deps.tunnel.status();
    const ctx: DoctorContext = {
      account: {
        id: account.id,
        name: account.name,
        callbackSlug: account.callbackSlug,
        mode: account.mode,
        token: creds.token,
        encodingAESKey: creds.encodingAESKey,
      },
      tunnel,
      urls: this.deps.tunnel.urlsFor(accountId),
      localServerUrl: tunnel.forwardsTo
        ? `${tunnel.forwardsTo}/wx/${encodeURIComponent(account.callbackSlug)}`
        : null,
      verifyFiles: this.deps.verifyFiles(accountId),
      probes: this.deps.probes,
      get: (url, o) =>
        httpGet(url, {
          dispatcher: overrides?.dispatcher,
          monotonic,
          timeoutMs: deadlineMs,
          headers: o?.headers,
          probeHeaders: () => this.deps.sources.probeHeaders(),
        }),
      clock: rt.clock,
      random: rt.random,
      deadlineMs,
      replyDeadlineMs: this.deps.replyDeadlineMs(),
      timestampWindowS: this.deps.timestampWindowS(),
      apiHost: this.deps.apiHost(accountId),
      results: new Map<DoctorCheckId, DoctorCheck>(),
      roundTrips: [],
    };
    const checks: DoctorCheck[] = [];
    for (const def of DOCTOR_CHECKS) {
      const t0 = monotonic();
      let check: DoctorCheck;
      try {
        const out = await def.run(ctx);
        check = { id: def.id, title: def.title, ...out, durationMs: Math.round(monotonic() - t0) };
      } catch (e) {
        // A bug in one check must not hide the others.
        check = {
          id: def.id,
          title: def.title,
          status: 'fail',
          saw: {
            zh: `检查本身出错：${(e as Error).message}`,
            en: `The check itself failed: ${(e as Error).message}`,
          },
          durationMs: Math.round(monotonic() - t0),
        };
      }
      ctx.results.set(def.id, check);
      checks.push(check);
      this.deps.events.emit('doctor.progress', {
        accountId,
        done: checks.length,
        total: DOCTOR_CHECKS.length,
        check,
      });
    }
    const worst = Math.max(...checks.map((c) => RANK[c.status]));
    const overall = worst === 2 ? 'fail' : worst === 1 ? 'warn' : 'pass';
    const report: DoctorReport = {
      accountId,
      startedAt,
      finishedAt: rt.clock.now(),
      provider: ctx.tunnel.provider,
      publicUrl: ctx.tunnel.publicUrl,
      overall,
      readyToSubmit: !checks.some((c) => c.status === 'fail' && SUBMIT_CRITICAL.has(c.id)),
      urls: ctx.urls,
      paste: pasteValues(ctx),
      checks,
    };
    try {
      this.repo.save(report);
    } catch (e) {
      throw storageError(e, 'save the doctor report');
    }
    this.deps.events.emit('doctor.completed', report);
    return report;
  }
}

export function doctorHandlers(doctor: DoctorService): AreaHandlers<'doctor.'> {
  return {
    'doctor.run': ({ accountId }) => doctor.run(accountId),
    'doctor.last': ({ accountId }) => doctor.last(accountId),
  };
}
