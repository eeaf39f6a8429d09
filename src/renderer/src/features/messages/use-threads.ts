import { useEffect, useState } from 'react';
import type { ConversationDto } from '../../../../shared/api/areas/conversations';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi, useApiEvent, useResyncKey } from '../../api/api-context';
import { useThrottledKey } from '../../api/use-throttled-key';

/** The account's threads, newest message first, refetched when a fan writes or a thread is read. */
export function useThreads(accountId: string) {
  const api = useApi();
  const resync = useResyncKey();
  const [key, bump] = useThrottledKey();
  const [items, setItems] = useState<ConversationDto[]>();
  const [error, setError] = useState<ErrorBody>();
  useEffect(() => {
    let live = true;
    void api.call('conversations.list', { accountId, limit: 200 }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setItems(r.value.items);
        setError(undefined);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [api, accountId, resync, key]);
  useApiEvent('conversations.appended', (p) => {
    if (p.messages.some((m) => m.accountId === accountId)) bump();
  });
  useApiEvent('conversations.unreadChanged', bump);
  useApiEvent('fans.changed', (p) => p.accountId === accountId && bump());
  return { items, error };
}
