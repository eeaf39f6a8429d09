import type { CallbackTimings } from '../../../../shared/api/areas/callbacks';
import { useI18n } from '../../i18n/I18nProvider';
import { ms } from './format';

/** Pipeline order (docs/architecture.md §4). */
export const STAGES = [
  'read',
  'verify',
  'decrypt',
  'parse',
  'handle',
  'build',
  'encrypt',
  'record',
  'write',
] as const;

/** WeChat drops the connection after 5 s (docs/wechat-protocol.md §3.1). */
export const WECHAT_LIMIT_MS = 5000;

/**
 * Where the time went. Two scales, because a callback usually takes a few milliseconds and the limit
 * is 5 seconds: a gauge of the whole request against the 5 s limit (with MPDesk's own reply
 * deadline marked), and a waterfall of the stages scaled to the request itself.
 */
export function StageTimeline({
  timings,
  totalMs,
  deadlineMs,
}: {
  timings: CallbackTimings;
  totalMs: number;
  deadlineMs: number;
}) {
  const { t, fmt } = useI18n();
  const stageSum = STAGES.reduce((n, s) => n + (timings[s] ?? 0), 0);
  const scale = Math.max(totalMs, stageSum, 0.001);
  const pct = (v: number) => `${Math.min(100, (v / WECHAT_LIMIT_MS) * 100)}%`;
  const tone = totalMs >= WECHAT_LIMIT_MS ? 'error' : totalMs >= deadlineMs ? 'warn' : 'ok';
  let offset = 0;
  return (
    <div className="cb-timeline">
      <div className="cb-gauge-head">
        <strong>{t('cb.timeline.total', { ms: `${ms(fmt, totalMs)} ms` })}</strong>
        <span className="muted">
          {t('cb.timeline.budget', {
            pct: ((totalMs / WECHAT_LIMIT_MS) * 100).toFixed(totalMs < 50 ? 2 : 0),
          })}
        </span>
      </div>
      <div
        className="cb-gauge"
        role="meter"
        aria-label={t('cb.timeline.label')}
        aria-valuemin={0}
        aria-valuemax={WECHAT_LIMIT_MS}
        aria-valuenow={Math.min(totalMs, WECHAT_LIMIT_MS)}
        aria-valuetext={`${ms(fmt, totalMs)} ms / 5000 ms`}
      >
        <div className="cb-gauge-fill" data-tone={tone} style={{ width: pct(totalMs) }} />
        <div
          className="cb-gauge-mark"
          style={{ left: pct(deadlineMs) }}
          title={t('cb.timeline.deadline', { ms: `${deadlineMs} ms` })}
        />
      </div>
      <div className="cb-gauge-scale" aria-hidden="true">
        <span>0</span>
        <span style={{ left: pct(deadlineMs) }} className="cb-gauge-scale-mark">
          {t('cb.timeline.deadline', { ms: `${(deadlineMs / 1000).toFixed(1)} s` })}
        </span>
        <span>{t('cb.timeline.wechatLimit')}</span>
      </div>
      <ol className="cb-stages">
        {STAGES.map((s) => {
          const v = timings[s];
          const left = (offset / scale) * 100;
          if (v !== undefined) offset += v;
          return (
            <li key={s} className="cb-stage" data-skipped={v === undefined || undefined}>
              <span className="cb-stage-name">{t(`cb.stage.${s}`)}</span>
              <span className="cb-stage-track" aria-hidden="true">
                {v !== undefined && (
                  <span
                    className="cb-stage-bar"
                    data-stage={s}
                    style={{ left: `${left}%`, width: `max(2px, ${(v / scale) * 100}%)` }}
                  />
                )}
              </span>
              <span className="cb-stage-ms mono">
                {v === undefined ? t('cb.stage.skipped') : `${ms(fmt, v)} ms`}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
