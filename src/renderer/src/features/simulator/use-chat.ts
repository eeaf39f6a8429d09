import { useCallback, useEffect, useState } from 'react';
import type { ConversationDto, ConversationMessageDto } from '../../../../shared/api/areas/conversations';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi, useApiEvent, useResyncKey } from '../../api/api-context';
import { replyFromCustomerService, replyFromFields, xmlToFields, type ReplyView } from './reply-view';

/** The fans that have talked to the account, newest first; refreshed as messages arrive. */
export function useConversations(accountId: string) {
  const api = useApi();
  const resync = useResyncKey();
  const [items, setItems] = useState<ConversationDto[]>();
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    void api.call('conversations.list', { accountId, limit: 100 }).then((r) => {
      if (live && r.ok) setItems(r.value.items);
    });
    return () => {
      live = false;
    };
  }, [api, accountId, resync, nonce]);
  useApiEvent('conversations.appended', (p) => {
    if (p.messages.some((m) => m.accountId === accountId)) setNonce((n) => n + 1);
  });
  return items;
}

/** One fan's messages, oldest first, with live appends. */
export function useMessages(accountId: string, openid: string) {
  const api = useApi();
  const resync = useResyncKey();
  const [messages, setMessages] = useState<ConversationMessageDto[]>([]);
  const [error, setError] = useState<ErrorBody>();
  useEffect(() => {
    let live = true;
    setMessages([]);
    void api.call('conversations.messages', { accountId, openid, limit: 200 }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setMessages((prev) => merge(prev, r.value.items));
        setError(undefined);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [api, accountId, openid, resync]);
  useApiEvent('conversations.appended', (p) => {
    const mine = p.messages.filter((m) => m.accountId === accountId && m.openid === openid);
    if (mine.length) setMessages((prev) => merge(prev, mine));
  });
  return { messages, error };
}

function merge(a: ConversationMessageDto[], b: ConversationMessageDto[]): ConversationMessageDto[] {
  const byId = new Map(a.map((m) => [m.id, m]));
  for (const m of b) byId.set(m.id, m);
  return [...byId.values()].sort((x, y) => x.id - y.id);
}

/** What one callback exchange answered: the passive reply and the later customer-service ones. */
export interface ExchangeReplies {
  passive: ReplyView | null;
  late: ReplyView[];
}

const cache = new Map<number, ExchangeReplies>();

/** Seeds the cache with a reply the simulator just received, so its bubble needs no lookup. */
export function rememberReply(logId: number, passive: ReplyView | null): void {
  cache.set(logId, { passive, late: cache.get(logId)?.late ?? [] });
}

/**
 * The rich form of an outgoing message (a news card, an image): from the simulator's own result, or
 * read back from the callback log entry (its plain reply and its late customer-service bodies).
 */
export function useExchangeReplies(
  logId: number | null,
  want: 'passive' | 'late' | null,
): ExchangeReplies | undefined {
  const api = useApi();
  const [value, setValue] = useState(() => (logId ? cache.get(logId) : undefined));
  const load = useCallback(async () => {
    if (!logId) return;
    const r = await api.call('callbacks.get', { id: logId });
    if (!r.ok) return;
    const fields = r.value.replyPlain ? xmlToFields(r.value.replyPlain) : null;
    const late: ReplyView[] = [];
    for (const l of r.value.lateReplies) {
      try {
        late.push(replyFromCustomerService(JSON.parse(l.body) as Record<string, unknown>));
      } catch {
        // not JSON: leave the summary bubble
      }
    }
    const v = { passive: fields ? replyFromFields(fields) : null, late };
    cache.set(logId, v);
    setValue(v);
  }, [api, logId]);
  useEffect(() => {
    if (!want || !logId) return;
    const hit = cache.get(logId);
    if (hit && (want === 'passive' ? hit.passive : hit.late.length > 0)) setValue(hit);
    else void load();
  }, [want, logId, load]);
  return value;
}
