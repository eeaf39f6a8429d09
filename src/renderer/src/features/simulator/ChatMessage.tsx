import type { ConversationMessageDto } from '../../../../shared/api/areas/conversations';
import type { Translate } from '../../i18n/i18n';
import { useI18n } from '../../i18n/I18nProvider';
import { callbacksHref } from '../callbacks/filters';
import { ReplyContent } from './ReplyContent';
import { useExchangeReplies } from './use-chat';

/** The Callbacks screen's address for one entry (it keeps the open entry in the hash query). */
export function logHref(id: number): string {
  return callbacksHref(`?id=${id}`);
}

export function LogLink({ id }: { id: number }) {
  const { t } = useI18n();
  return (
    <a
      className="sim-loglink"
      href={logHref(id)}
      aria-label={t('sim.logLinkName', { id })}
      title={t('sim.logLinkName', { id })}
    >
      {t('sim.logLink', { id })}
    </a>
  );
}

/** "[event subscribe qrscene_1]" -> the fan-side sentence for it. */
function eventText(summary: string, t: Translate): string {
  const m = /^\[event (\S+)(?: (.*))?\]$/.exec(summary);
  if (!m) return t('sim.event.other', { summary });
  const [, ev = '', key = ''] = m;
  switch (ev.toLowerCase()) {
    case 'subscribe':
      return key.startsWith('qrscene_')
        ? t('sim.event.subscribeScene', { scene: key.slice(8) })
        : t('sim.event.subscribe');
    case 'unsubscribe':
      return t('sim.event.unsubscribe');
    case 'scan':
      return t('sim.event.SCAN', { scene: key });
    case 'location':
      return t('sim.event.LOCATION');
    case 'click':
      return t('sim.event.CLICK', { key });
    case 'view':
      return t('sim.event.VIEW', { key });
    case 'scancode_push':
    case 'scancode_waitmsg':
      return t('sim.event.scancode', { key });
    default:
      return t('sim.event.other', { summary: summary.slice(1, -1) });
  }
}

/** What the fan sent, from its stored one-line summary (core's message-summary format). */
function InboundContent({ m }: { m: ConversationMessageDto }) {
  const { t } = useI18n();
  const type = m.msgType.toLowerCase();
  const inner = /^\[\w+ ?(.*)\]\s*(.*)$/.exec(m.summary);
  if (type === 'location' || type === 'link') {
    return (
      <div className="sim-card-out">
        <span className="sim-card-kind">
          {t(type === 'location' ? 'sim.kind.location' : 'sim.kind.link')}
        </span>
        <span>{inner?.[1] || m.summary}</span>
      </div>
    );
  }
  if (type === 'image')
    return (
      <div className="sim-media" role="img" aria-label={t('sim.kind.image')}>
        <span className="sim-media-icon" aria-hidden="true">
          ▣
        </span>
        <span>{t('sim.kind.image')}</span>
      </div>
    );
  if (type === 'voice')
    return (
      <div className="sim-bubble sim-bubble-out">
        <span aria-hidden="true">◉ </span>
        {t('sim.kind.voice')}
        {inner?.[2] ? ` · ${inner[2]}` : ''}
      </div>
    );
  return <div className="sim-bubble sim-bubble-out">{m.summary}</div>;
}

function OutMessage({
  m,
  lateIndex,
  answeredBy,
}: {
  m: ConversationMessageDto;
  lateIndex: number;
  answeredBy?: string;
}) {
  const { t } = useI18n();
  const late = m.via === 'customer-service';
  const want = m.msgType === 'text' || !m.logId ? null : late ? 'late' : 'passive';
  const replies = useExchangeReplies(m.logId, want);
  const rich = late ? replies?.late[lateIndex] : replies?.passive;
  return (
    <div className="sim-row sim-row-in" data-testid="sim-reply">
      <span className="sim-avatar sim-avatar-mp" aria-hidden="true" />
      <div className="sim-stack">
        {rich && m.msgType !== 'text' ? (
          <ReplyContent reply={rich} />
        ) : (
          <div className="sim-bubble sim-bubble-in">{m.summary}</div>
        )}
        <div className="sim-meta">
          {late && <span>{t('sim.via.customer-service')}</span>}
          {answeredBy && !late && <span data-testid="sim-answered-by">{answeredBy}</span>}
          {m.logId && <LogLink id={m.logId} />}
        </div>
      </div>
    </div>
  );
}

/** One stored message: a reply of the account's (left), an event (centred) or what the fan sent (right). */
export function ChatMessage({
  m,
  lateIndex,
  answeredBy,
}: {
  m: ConversationMessageDto;
  /** Which of its exchange's customer-service messages this is (0 for any other message). */
  lateIndex: number;
  answeredBy: string | undefined;
}) {
  const { t } = useI18n();
  if (m.direction === 'out') return <OutMessage m={m} lateIndex={lateIndex} answeredBy={answeredBy} />;
  if (m.msgType === 'event') {
    return (
      <div className="sim-system" data-testid="sim-event">
        <span>{eventText(m.summary, t)}</span>
        {m.logId && <LogLink id={m.logId} />}
      </div>
    );
  }
  return (
    <div className="sim-row sim-row-out" data-testid="sim-sent">
      <div className="sim-stack">
        <InboundContent m={m} />
      </div>
      <span className="sim-avatar sim-avatar-fan" aria-hidden="true" />
    </div>
  );
}
