import { useEffect, useState } from 'react';
import type { GatewayDto } from '../../../../shared/api/areas/oauth-gateway';
import { useApi, useApiEvent, useResyncKey } from '../../api/api-context';

/**
 * The gateway's configuration, keys (public parts only) and URLs: fetched once and after every
 * reconnect or tunnel change (the URLs follow the public URL), then kept by `oauth.gatewayChanged`.
 */
/** `refetchOn` changes when something the DTO reads changes elsewhere (the account's 网页授权域名). */
export function useGateway(refetchOn?: unknown) {
  const api = useApi();
  const resyncKey = useResyncKey();
  const [gateway, setGateway] = useState<GatewayDto>();
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    void api.call('oauth.gateway', {}).then((r) => live && r.ok && setGateway(r.value));
    return () => {
      live = false;
    };
  }, [api, resyncKey, nonce, refetchOn]);
  useApiEvent('oauth.gatewayChanged', setGateway);
  useApiEvent('tunnel.changed', () => setNonce((n) => n + 1));
  return { gateway, setGateway };
}
