import type { ConversationDto } from '../../../../shared/api/areas/conversations';
import { useNow } from '../../components/use-now';
import { useI18n } from '../../i18n/I18nProvider';
import { routeHref } from '../../shell/router';
import { contentLine } from './content-line';

/** A fan's name as the operator knows them: their remark, their OAuth nickname, else their openid. */
export const fanName = (c: { openid: string; remark?: string; nickname?: string }) =>
  c.remark || c.nickname || c.openid;

/** The threads, newest message first, each with its unread count (消息管理's left column). */
export function ThreadList({
  accountId,
  threads,
  selected,
}: {
  accountId: string;
  threads: ConversationDto[];
  selected: string | undefined;
}) {
  const { t, fmt } = useI18n();
  const now = useNow(60_000);
  if (!threads.length) return <p className="field-hint msg-none">{t('msg.threads.empty')}</p>;
  return (
    <ul className="msg-threads" aria-label={t('msg.threads')}>
      {threads.map((c) => (
        <li key={c.openid}>
          <a
            className="msg-thread"
            href={routeHref('messages', accountId, c.openid)}
            aria-current={c.openid === selected ? 'true' : undefined}
            data-openid={c.openid}
          >
            <span className={c.remark || c.nickname ? 'msg-thread-name' : 'msg-thread-name mono'}>
              {fanName(c)}
            </span>
            <time
              className="msg-thread-time"
              dateTime={new Date(c.lastAt).toISOString()}
              title={fmt.dateTime(c.lastAt)}
            >
              {fmt.relative(c.lastAt, now)}
            </time>
            <span className="msg-thread-last">{contentLine(t, c.lastContent, c.lastSummary)}</span>
            {c.unread > 0 && (
              <span className="msg-unread" aria-label={t('msg.unread', { count: c.unread })}>
                {c.unread > 99 ? '99+' : fmt.number(c.unread)}
              </span>
            )}
          </a>
        </li>
      ))}
    </ul>
  );
}
