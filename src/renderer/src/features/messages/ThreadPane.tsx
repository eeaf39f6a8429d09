import { useEffect, useRef } from 'react';
import type { ConversationDto } from '../../../../shared/api/areas/conversations';
import { CopyButton } from '../../components/CopyButton';
import { useI18n } from '../../i18n/I18nProvider';
import { routeHref } from '../../shell/router';
import { Composer } from './Composer';
import { MessageBubble } from './MessageBubble';
import { fanName } from './ThreadList';
import { useThread } from './use-thread';
import { WindowBar } from './WindowBar';

/** One fan's thread: everything they sent and every answer, the window, and the composer. */
export function ThreadPane({
  accountId,
  openid,
  thread,
}: {
  accountId: string;
  openid: string;
  thread: ConversationDto | undefined;
}) {
  const { t, errorText } = useI18n();
  const th = useThread(accountId, openid);
  const list = useRef<HTMLOListElement>(null);
  const newest = th.messages.at(-1)?.id ?? null;
  // New messages at the bottom come into view, as in a chat.
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [newest]);

  return (
    <section className="card msg-pane" aria-label={t('msg.thread', { name: fanName(thread ?? { openid }) })}>
      <header className="msg-pane-head">
        <div>
          <h2>{fanName(thread ?? { openid })}</h2>
          <span className="mono msg-openid">
            {openid} <CopyButton value={openid} name="OpenID" />
          </span>
        </div>
        <a className="btn btn-sm" href={routeHref('fans', accountId, openid)}>
          {t('msg.fanDetails')}
        </a>
      </header>
      {th.error && (
        <p className="msg-error" role="alert">
          {errorText(th.error)}
        </p>
      )}
      <ol className="msg-list" ref={list} aria-label={t('msg.messages')}>
        {th.hasOlder && (
          <li className="msg-older">
            <button type="button" className="btn btn-sm" onClick={() => void th.loadOlder()}>
              {t('msg.older')}
            </button>
          </li>
        )}
        {th.messages.map((m) => (
          <MessageBubble key={m.id} m={m} />
        ))}
      </ol>
      <WindowBar w={th.serviceWindow} />
      <Composer accountId={accountId} openid={openid} serviceWindow={th.serviceWindow} onSent={th.sent} />
    </section>
  );
}
