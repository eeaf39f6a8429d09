import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationMessageDto, ServiceWindowDto } from '../../../../shared/api/areas/conversations';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi, useApiEvent, useResyncKey } from '../../api/api-context';
import { useThrottledKey } from '../../api/use-throttled-key';

const PAGE = 50;

function merge(a: ConversationMessageDto[], b: ConversationMessageDto[]): ConversationMessageDto[] {
  const byId = new Map(a.map((m) => [m.id, m]));
  for (const m of b) byId.set(m.id, m);
  return [...byId.values()].sort((x, y) => x.id - y.id);
}

/**
 * One fan's thread, oldest first, with the customer-service window: the newest page is fetched again
 * when the fan (or the pipeline) adds a message; older pages on demand. While the page is visible,
 * what it shows is marked read.
 */
export function useThread(accountId: string, openid: string) {
  const api = useApi();
  const resync = useResyncKey();
  const [key, bump] = useThrottledKey(200);
  const [messages, setMessages] = useState<ConversationMessageDto[]>([]);
  const [older, setOlder] = useState<string | undefined>();
  const [serviceWindow, setServiceWindow] = useState<ServiceWindowDto>();
  const [error, setError] = useState<ErrorBody>();
  const firstLoad = useRef(true);

  useEffect(() => {
    let live = true;
    void api.call('conversations.messages', { accountId, openid, limit: PAGE }).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error);
      setError(undefined);
      setMessages((prev) => merge(prev, r.value.items));
      if (firstLoad.current) setOlder(r.value.nextCursor);
      firstLoad.current = false;
    });
    void api
      .call('conversations.window', { accountId, openid })
      .then((r) => live && r.ok && setServiceWindow(r.value));
    return () => {
      live = false;
    };
  }, [api, accountId, openid, resync, key]);

  useApiEvent('conversations.appended', (p) => {
    if (p.messages.some((m) => m.accountId === accountId && m.openid === openid)) bump();
  });

  const loadOlder = useCallback(async () => {
    if (!older) return;
    const r = await api.call('conversations.messages', { accountId, openid, limit: PAGE, cursor: older });
    if (!r.ok) return setError(r.error);
    setMessages((prev) => merge(prev, r.value.items));
    setOlder(r.value.nextCursor);
  }, [api, accountId, openid, older]);

  const sent = useCallback((m: ConversationMessageDto, w: ServiceWindowDto) => {
    setMessages((prev) => merge(prev, [m]));
    setServiceWindow(w);
  }, []);

  const newest = messages.at(-1)?.id ?? null;
  useEffect(() => {
    if (newest === null) return;
    const mark = () => {
      if (document.visibilityState === 'visible')
        void api.call('conversations.markRead', { accountId, openid, upTo: newest });
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [api, accountId, openid, newest]);

  return { messages, error, serviceWindow, hasOlder: older !== undefined, loadOlder, sent };
}
