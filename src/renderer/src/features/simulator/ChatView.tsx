import { useEffect, useRef } from 'react';
import type { ConversationMessageDto } from '../../../../shared/api/areas/conversations';
import { useI18n } from '../../i18n/I18nProvider';
import { ChatMessage, LogLink } from './ChatMessage';

/** Something the chat shows that is not a stored message: "no reply", a send error. */
export interface ChatNote {
  key: string;
  at: number;
  text: string;
  tone: 'muted' | 'error';
  logId: number | null;
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
    let lateIndex = 0;
    if (m.direction === 'out' && m.via === 'customer-service' && m.logId) {
      lateIndex = lateSeen.get(m.logId) ?? 0;
      lateSeen.set(m.logId, lateIndex + 1);
    }
    const node = (
      <ChatMessage key={`m${m.id}`} m={m} lateIndex={lateIndex} answeredBy={answeredBy?.(m.logId)} />
    );
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
