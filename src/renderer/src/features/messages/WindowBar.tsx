import type { ServiceWindowDto } from '../../../../shared/api/areas/conversations';
import { useNow } from '../../components/use-now';
import { useI18n } from '../../i18n/I18nProvider';
import type { Translate } from '../../i18n/i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** How long until `at`: 47 小时 12 分钟 · 47 h 12 min; under a minute, 不到 1 分钟 · less than a minute. */
function timeLeft(t: Translate, at: number, now: number): string {
  const ms = Math.max(0, at - now);
  if (ms < MINUTE) return t('msg.window.leftSeconds');
  const h = Math.floor(ms / HOUR);
  const m = Math.floor((ms % HOUR) / MINUTE);
  return h ? t('msg.window.leftHours', { h, m }) : t('msg.window.leftMinutes', { m });
}

/**
 * The customer-service window before the operator writes (§10.1): how long it stays open and how many
 * messages it still takes, or why a send would be refused (45015, 45047). MPDesk's reckoning from
 * what it saw; WeChat has the last word.
 */
export function WindowBar({ w }: { w: ServiceWindowDto | undefined }) {
  const { t, fmt } = useI18n();
  const now = useNow(30_000);
  if (!w) return null;
  if (w.verdict === 45015 || w.closesAt === null || w.closesAt < now) {
    return (
      <p className="msg-window msg-window-closed" role="status" data-verdict="45015">
        {t('msg.window.closed')}
      </p>
    );
  }
  const grants = w.grants
    .map((g) =>
      t(g.kind === 'message' ? 'msg.window.message' : 'msg.window.action', { used: g.used, quota: g.quota }),
    )
    .join(' · ');
  return (
    <p
      className={w.verdict === 45047 ? 'msg-window msg-window-closed' : 'msg-window'}
      role="status"
      data-verdict={w.verdict}
    >
      {w.verdict === 45047
        ? t('msg.window.used', { left: timeLeft(t, w.closesAt, now), at: fmt.dateTime(w.closesAt) })
        : t('msg.window.open', {
            remaining: w.remaining,
            left: timeLeft(t, w.closesAt, now),
            at: fmt.dateTime(w.closesAt),
          })}
      <span className="msg-window-grants">{grants}</span>
    </p>
  );
}
