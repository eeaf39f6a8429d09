import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { LogSize } from './LogSize';
import { RecentErrors } from './RecentErrors';
import { failed, HOUR, HOURS, useRecentCallbacks } from './use-recent-callbacks';

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
