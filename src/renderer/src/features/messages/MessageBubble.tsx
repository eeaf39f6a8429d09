import type { ConversationMessageDto, MessageContentDto } from '../../../../shared/api/areas/conversations';
import { useI18n } from '../../i18n/I18nProvider';
import { callbacksHref } from '../callbacks/filters';
import { eventLine } from './content-line';

/** An outside link: it opens in the browser (the app's page never navigates away). */
function Outside({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <a href={href} target="_blank" rel="noreferrer noopener">
      {children}
    </a>
  );
}

/** What the message holds, as WeChat shows it: text, a media card, a location, a link or news card. */
function Content({ c, summary }: { c: MessageContentDto | undefined; summary: string }) {
  const { t } = useI18n();
  if (!c) return <p className="msg-text">{summary}</p>;
  switch (c.kind) {
    case 'text':
      return <p className="msg-text">{c.text}</p>;
    case 'image':
      return (
        <p className="msg-media">
          <span aria-hidden="true">▣ </span>
          {t('msg.kind.image')}
          {c.picUrl && (
            <>
              {' · '}
              <Outside href={c.picUrl}>{t('msg.image.open')}</Outside>
            </>
          )}
          {c.mediaId && <code className="msg-id">media_id {c.mediaId}</code>}
        </p>
      );
    case 'voice':
      return (
        <p className="msg-media">
          <span aria-hidden="true">◉ </span>
          {t('msg.kind.voice')}
          {c.format ? ` (${c.format})` : ''}
          {c.recognition && (
            <span className="msg-recognition">{t('msg.voice.recognition', { text: c.recognition })}</span>
          )}
        </p>
      );
    case 'video':
      return <p className="msg-media">▶ {c.title ?? t('msg.kind.video')}</p>;
    case 'location':
      return (
        <p className="msg-media">
          <span aria-hidden="true">◎ </span>
          {c.label || t('msg.kind.location')}
          <span className="msg-sub">{t('msg.location.at', { x: c.x, y: c.y, scale: c.scale ?? '—' })}</span>
        </p>
      );
    case 'link':
    case 'news':
      return (
        <div className="msg-card">
          <strong>{c.url ? <Outside href={c.url}>{c.title || c.url}</Outside> : c.title}</strong>
          {c.description && <span className="msg-sub">{c.description}</span>}
          {c.kind === 'news' && c.more > 0 && (
            <span className="msg-sub">{t('msg.news.more', { count: c.more })}</span>
          )}
        </div>
      );
    case 'mpnews':
      return (
        <p className="msg-media">
          {t('msg.kind.mpnews')} <code className="msg-id">media_id {c.mediaId}</code>
        </p>
      );
    case 'event':
      return <p className="msg-text">{eventLine(t, c.event, c.eventKey)}</p>;
    case 'other':
      return <p className="msg-text">{summary}</p>;
  }
}

/** Which way the answer went out: in the HTTP reply, by the operator, or later for a request. */
function viaLabel(m: ConversationMessageDto): 'msg.via.passive' | 'msg.via.operator' | 'msg.via.late' | null {
  if (m.direction === 'in') return null;
  if (m.via === 'passive') return 'msg.via.passive';
  return m.logId === null ? 'msg.via.operator' : 'msg.via.late';
}

/** One message of a thread: the fan's on the left, ours on the right, events centred. */
export function MessageBubble({ m }: { m: ConversationMessageDto }) {
  const { t, fmt } = useI18n();
  const via = viaLabel(m);
  if (m.direction === 'in' && m.content?.kind === 'event') {
    return (
      <li className="msg-event" data-id={m.id}>
        <Content c={m.content} summary={m.summary} />
        <time dateTime={new Date(m.at).toISOString()}>{fmt.dateTime(m.at)}</time>
      </li>
    );
  }
  return (
    <li className={`msg-row msg-row-${m.direction}`} data-id={m.id} data-direction={m.direction}>
      <div className="msg-bubble">
        <Content c={m.content} summary={m.summary} />
      </div>
      <div className="msg-meta">
        <time dateTime={new Date(m.at).toISOString()}>{fmt.dateTime(m.at)}</time>
        {via && <span>{t(via)}</span>}
        {m.logId !== null && (
          <a href={callbacksHref(`?id=${m.logId}`)} title={t('msg.logLink', { id: m.logId })}>
            #{m.logId}
          </a>
        )}
      </div>
    </li>
  );
}
