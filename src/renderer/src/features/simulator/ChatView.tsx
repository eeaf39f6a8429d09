import { useEffect, useRef } from 'react';
import type { ConversationMessageDto } from '../../../../shared/api/areas/conversations';
import { useI18n } from '../../i18n/I18nProvider';
import { callbacksHref } from '../callbacks/filters';
import { ReplyContent } from './ReplyContent';
import { useExchangeReplies } from './use-chat';
import type { Translate } from '../../i18n/i18n';

/** Something the chat shows that is not a stored message: "no reply", a send error. */
export interface ChatNote {
  key: string;
  at: number;
  text: string;
  tone: 'muted' | 'error';
  logId: number | null;
}

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

/**
 * The phone: the account's name on top, the fan's messages on the right in green, the account's
 * replies on the left, events and notes centred, newest at the bottom.
 */
export function ChatView({
  title,
  messages,
  notes,
  pending,
  answeredBy,
  children,
}: {
  children?: React.ReactNode;
  title: string;
  messages: ConversationMessageDto[];
  notes: ChatNote[];
  pending: boolean;
  /** Who answered an exchange (by log id), when known: the rule's name, not its id. */
  answeredBy?: (logId: number | null) => string | undefined;
}) {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  type Item = { at: number; order: number; node: React.ReactNode };
  const items: Item[] = [];
  const lateSeen = new Map<number, number>();
  messages.forEach((m, i) => {
    let node: React.ReactNode;
    if (m.direction === 'out') {
      const idx = m.via === 'customer-service' && m.logId ? (lateSeen.get(m.logId) ?? 0) : 0;
      if (m.via === 'customer-service' && m.logId) lateSeen.set(m.logId, idx + 1);
      node = <OutMessage key={`m${m.id}`} m={m} lateIndex={idx} answeredBy={answeredBy?.(m.logId)} />;
    } else if (m.msgType === 'event') {
      node = (
        <div key={`m${m.id}`} className="sim-system" data-testid="sim-event">
          <span>{eventText(m.summary, t)}</span>
          {m.logId && <LogLink id={m.logId} />}
        </div>
      );
    } else {
      node = (
        <div key={`m${m.id}`} className="sim-row sim-row-out" data-testid="sim-sent">
          <div className="sim-stack">
            <InboundContent m={m} />
          </div>
          <span className="sim-avatar sim-avatar-fan" aria-hidden="true" />
        </div>
      );
    }
    items.push({ at: m.at, order: i, node });
  });
  notes.forEach((n, i) =>
    items.push({
      at: n.at,
      order: messages.length + i,
      node: (
        <div
          key={n.key}
          className={`sim-system sim-system-${n.tone}`}
          role={n.tone === 'error' ? 'alert' : undefined}
        >
          <span>{n.text}</span>
          {n.logId && <LogLink id={n.logId} />}
        </div>
      ),
    }),
  );
  items.sort((a, b) => a.at - b.at || a.order - b.order);

  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [items.length, pending]);

  return (
    <section className="sim-phone" aria-label={t('sim.phone.label', { name: title })}>
      <header className="sim-phone-head">
        <span aria-hidden="true">‹</span>
        <h2>{title}</h2>
        <span aria-hidden="true">⋯</span>
      </header>
      <div
        className="sim-phone-body"
        ref={scroller}
        role="log"
        aria-live="polite"
        aria-label={t('sim.phone.title')}
      >
        {items.length === 0 && !pending && <p className="sim-empty">{t('sim.phone.empty')}</p>}
        {items.map((i) => i.node)}
        {pending && <div className="sim-system sim-system-muted">{t('sim.sending')}</div>}
      </div>
      {children}
    </section>
  );
}
