import { useCallback, useEffect, useState } from 'react';
import type { ComponentPlatformDto } from '../../../../shared/api/areas/component';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi, useApiEvent, useResyncKey } from '../../api/api-context';

/**
 * The configured platforms: fetched once (and after every reconnect or tunnel change, which moves
 * the public URLs), then kept current by `component.changed` (one platform, or null when deleted).
 */
export function usePlatforms() {
  const api = useApi();
  const resyncKey = useResyncKey();
  const [platforms, setPlatforms] = useState<ComponentPlatformDto[]>();
  const [error, setError] = useState<ErrorBody>();
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    let live = true;
    void api.call('component.list', undefined).then((r) => {
      if (!live) return;
      if (r.ok) {
        setPlatforms(r.value);
        setError(undefined);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [api, resyncKey, nonce]);

  const upsert = useCallback(
    (p: ComponentPlatformDto) =>
      setPlatforms((cur) => {
        const list = cur ?? [];
        return list.some((x) => x.id === p.id) ? list.map((x) => (x.id === p.id ? p : x)) : [...list, p];
      }),
    [],
  );
  useApiEvent('component.changed', (c) => {
    if (c.platform) upsert(c.platform);
    else setPlatforms((cur) => cur?.filter((x) => x.id !== c.id));
  });
  useApiEvent('tunnel.changed', () => setNonce((n) => n + 1));

  return { platforms, error, upsert };
}
