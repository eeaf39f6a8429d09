import { useEffect, useMemo, useState } from 'react';
import type { ApiLogEntryDto } from '../../../../shared/api/areas/apilog';
import type { CallbackSummaryDto } from '../../../../shared/api/areas/callbacks';
import type { Bilingual } from '../../../../shared/api/areas/common';
import { useApi, useApiEvent, useResyncKey } from '../../api/api-context';
import { useI18n } from '../../i18n/I18nProvider';
import { typeLabel } from '../callbacks/format';
import { routeHref } from '../../shell/router';
import { explanationOf, isFailure } from '../apilog/use-api-log';
import { logHref } from '../simulator/ChatMessage';
import { LogSize } from './LogSize';

const HOUR = 3_600_000;
const HOURS = 24;

/** The account's callbacks of the last 24 hours, kept current by callbacks.logged. */
function useRecentCallbacks(accountId: string) {
  const api = useApi();
  const resync = useResyncKey();
  const [items, setItems] = useState<CallbackSummaryDto[]>([]);
  useEffect(() => {
    let live = true;
    const since = Date.now() - HOURS * HOUR;
    setItems([]);
    void api.call('callbacks.list', { accountId, since, limit: 1000 }).then((r) => {
      if (!live || !r.ok) return;
      // Entries announced while the list was on its way may be newer than its snapshot: keep them.
      const listed = r.value.items.filter(isTraffic);
      setItems((prev) => {
        const seen = new Set(listed.map((c) => c.id));
        return [...prev.filter((c) => !seen.has(c.id)), ...listed].sort((x, y) => y.id - x.id);
      });
    });
    return () => {
      live = false;
    };
  }, [api, accountId, resync]);
  useApiEvent('callbacks.logged', (p) => {
    const mine = p.entries.filter((e) => e.accountId === accountId && isTraffic(e));
    if (mine.length)
      setItems((prev) => [...mine.reverse(), ...prev.filter((x) => !mine.some((m) => m.id === x.id))]);
  });
  return items;
}

/** The setup doctor's probes (its deliberately wrong signature among them) are not the account's traffic. */
const isTraffic = (c: CallbackSummaryDto) => c.source !== 'doctor';

const failed = (c: CallbackSummaryDto) =>
  c.outcome === 'rejected' || c.outcome === 'error' || c.outcome === 'late';

/** Messages per hour as bars (failed part in red), one inline SVG, no chart library. */
export function TrafficCard({ accountId }: { accountId: string }) {
  const { t } = useI18n();
  const items = useRecentCallbacks(accountId);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(id);
  }, []);
  const buckets = useMemo(() => {
    const end = Math.floor(now / HOUR) * HOUR + HOUR;
    const b = Array.from({ length: HOURS }, (_, i) => ({ start: end - (HOURS - i) * HOUR, all: 0, bad: 0 }));
    for (const c of items) {
      const i = Math.floor((c.at - (end - HOURS * HOUR)) / HOUR);
      const bucket = b[i];
      if (!bucket) continue;
      bucket.all++;
      if (failed(c)) bucket.bad++;
    }
    return b;
  }, [items, now]);
  const total = buckets.reduce((n, b) => n + b.all, 0);
  const bad = buckets.reduce((n, b) => n + b.bad, 0);
  const max = Math.max(1, ...buckets.map((b) => b.all));
  const W = 480;
  const H = 110;
  const bw = W / HOURS;
  return (
    <section className="card dash-card" aria-labelledby="dash-traffic-h">
      <div className="dash-card-head">
        <h2 id="dash-traffic-h">{t('dash.traffic')}</h2>
        <span className="field-hint" data-testid="traffic-total">
          {t('dash.traffic.total', { total })}
          {bad > 0 && ` · ${t('dash.traffic.errors', { count: bad })}`}
        </span>
      </div>
      <svg
        className="dash-chart"
        viewBox={`0 0 ${W} ${H + 16}`}
        role="img"
        aria-label={t('dash.traffic.label', { total })}
        preserveAspectRatio="none"
      >
        <line x1="0" y1={H} x2={W} y2={H} className="dash-axis" />
        {buckets.map((b, i) => {
          const h = (b.all / max) * (H - 6);
          const hb = (b.bad / max) * (H - 6);
          const hour = new Date(b.start).getHours();
          return (
            <g key={b.start}>
              <title>{t('dash.traffic.bar', { hour: String(hour).padStart(2, '0'), count: b.all })}</title>
              <rect x={i * bw + 2} y={H - h} width={bw - 4} height={h} rx="2" className="dash-bar" />
              {hb > 0 && (
                <rect x={i * bw + 2} y={H - hb} width={bw - 4} height={hb} rx="2" className="dash-bar-bad" />
              )}
              {i % 6 === 0 && (
                <text x={i * bw + bw / 2} y={H + 13} className="dash-tick" textAnchor="middle">
                  {String(hour).padStart(2, '0')}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <LogSize />
      <RecentErrors accountId={accountId} callbacks={items} />
    </section>
  );
}

const REASONS = new Set([
  'bad_signature',
  'bad_request',
  'empty_body',
  'decrypt_failed',
  'mode_mismatch',
  'body_too_large',
  'unknown_account',
  'method_not_allowed',
  'not_found',
  'internal_error',
  'deadline_passed',
  'stale_timestamp',
  'rate_limited',
]);

/** The last failed callbacks and API calls, each with what it means. */
function RecentErrors({ accountId, callbacks }: { accountId: string; callbacks: CallbackSummaryDto[] }) {
  const { t, fmt, pick } = useI18n();
  const api = useApi();
  const resync = useResyncKey();
  const [apiErrors, setApiErrors] = useState<ApiLogEntryDto[]>([]);
  useEffect(() => {
    let live = true;
    void api.call('apilog.list', { accountId, limit: 200 }).then((r) => {
      if (live && r.ok) setApiErrors(r.value.items.filter(isFailure));
    });
    return () => {
      live = false;
    };
  }, [api, accountId, resync]);
  useApiEvent('apilog.appended', (e) => {
    if (e.accountId === accountId && isFailure(e)) setApiErrors((prev) => [e, ...prev]);
  });

  type Row = {
    key: string;
    at: number;
    kind: 'callback' | 'api';
    what: string;
    why: string;
    href: string;
    name: string;
  };
  const rows: Row[] = [
    ...callbacks.filter(failed).map((c) => ({
      key: `c${c.id}`,
      at: c.at,
      kind: 'callback' as const,
      what: `${c.method} ${c.path}${c.msgType ? ` · ${typeLabel(t, c)}` : ''}`,
      why: REASONS.has(c.reason) ? t(`dash.reason.${c.reason}` as 'dash.reason.bad_signature') : c.reason,
      href: logHref(c.id),
      name: t('dash.errors.openCallback', { id: c.id }),
    })),
    ...apiErrors.map((e) => ({
      key: `a${e.id}`,
      at: e.at,
      kind: 'api' as const,
      what: `${e.method} ${e.path}`,
      why: e.error ?? apiWhy(e, pick),
      href: routeHref('apilog', accountId),
      name: t('dash.errors.openApi'),
    })),
  ]
    .sort((a, b) => b.at - a.at)
    .slice(0, 8);

  return (
    <div className="dash-errors">
      <h3 className="section-title">{t('dash.errors')}</h3>
      {rows.length === 0 ? (
        <p className="field-hint">{t('dash.errors.none')}</p>
      ) : (
        <ul className="dash-error-list" data-testid="recent-errors">
          {rows.map((r) => (
            <li key={r.key}>
              <span className="badge">
                {t(r.kind === 'api' ? 'dash.errors.api' : 'dash.errors.callback')}
              </span>
              <span className="dash-error-main">
                <span className="dash-bad">{r.why}</span>
                <code className="dash-error-what">{r.what}</code>
              </span>
              <span className="field-hint">{fmt.time(r.at)}</span>
              <a className="btn btn-sm btn-ghost" href={r.href} aria-label={r.name}>
                {t('dash.errors.open')}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** An API failure in words: the errcode's explanation when the renderer knows it, else WeChat's errmsg. */
function apiWhy(e: ApiLogEntryDto, pick: (b: Bilingual) => string): string {
  if (e.errcode === null) return `HTTP ${e.status}`;
  const ex = explanationOf(e);
  return `errcode ${e.errcode} · ${ex ? pick({ zh: ex.zh, en: ex.en }) : (e.errmsg ?? '')}`;
}
