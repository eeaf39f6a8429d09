import { useEffect, useState } from 'react';
import type { OauthCallbackResultDto, OauthSessionDto } from '../../../../shared/api/areas/oauth';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi, useApiEvent, useResyncKey } from '../../api/api-context';

/**
 * The account's OAuth sessions, newest first: fetched once (and after every reconnect), then kept
 * current by `oauth.completed` (a new session) and `oauth.sessionChanged` (refresh, check, delete).
 */
export function useOauthSessions(accountId: string) {
  const api = useApi();
  const resyncKey = useResyncKey();
  const [sessions, setSessions] = useState<OauthSessionDto[]>();
  const [error, setError] = useState<ErrorBody>();

  useEffect(() => {
    let live = true;
    void api.call('oauth.sessions', { accountId }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setSessions(r.value);
        setError(undefined);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [api, accountId, resyncKey]);

  const upsert = (s: OauthSessionDto) =>
    setSessions((cur) => {
      const list = cur ?? [];
      return list.some((x) => x.id === s.id) ? list.map((x) => (x.id === s.id ? s : x)) : [s, ...list];
    });

  useApiEvent('oauth.completed', (r) => {
    if (r.accountId === accountId && r.session) upsert(r.session);
  });
  useApiEvent('oauth.sessionChanged', (c) => {
    if (c.accountId !== accountId) return;
    if (c.session) upsert(c.session);
    else setSessions((cur) => cur?.filter((x) => x.id !== c.sessionId));
  });

  return { sessions, error, upsert };
}

/** The latest callback result for the account (any state), as it happens. */
export function useLastCallback(accountId: string): OauthCallbackResultDto | undefined {
  const [last, setLast] = useState<OauthCallbackResultDto>();
  useEffect(() => setLast(undefined), [accountId]);
  useApiEvent('oauth.completed', (r) => {
    if (r.accountId === accountId) setLast(r);
  });
  return last;
}
