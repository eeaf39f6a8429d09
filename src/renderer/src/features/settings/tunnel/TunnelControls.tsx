import { useState } from 'react';
import type { TunnelStatus } from '../../../../../shared/api/areas/tunnel';
import { useApi } from '../../../api/api-context';
import { useI18n } from '../../../i18n/I18nProvider';
import { offlineField, startBlocker, tunnelHref } from './tunnel-fields';

/** True while the tunnel is up, coming up, or waiting to retry: what Stop ends. */
export function tunnelRunning(t: TunnelStatus): boolean {
  return t.state === 'online' || t.state === 'connecting' || !!t.nextRetryAt;
}

/**
 * Start or Stop. A Start that cannot work is disabled, and says why next to it with a link to the
 * field that fixes it (Settings → Tunnel).
 */
export function TunnelControls({
  tunnel,
  listenerUp,
  onChange,
}: {
  tunnel: TunnelStatus;
  listenerUp: boolean;
  onChange: (s: TunnelStatus) => void;
}) {
  const { t, errorText } = useI18n();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const act = async (m: 'tunnel.start' | 'tunnel.stop') => {
    setBusy(true);
    const r = await api.call(m, undefined);
    setBusy(false);
    if (r.ok) {
      onChange(r.value);
      setFailure(undefined);
    } else setFailure(t('dash.failed', { reason: errorText(r.error) }));
  };
  const blocker = startBlocker(tunnel, listenerUp);
  const reasonId = 'tunnel-start-blocked';
  return (
    <div className="tunnel-controls">
      {failure && (
        <div className="alert" role="alert">
          {failure}
        </div>
      )}
      <div className="field-row">
        {tunnelRunning(tunnel) ? (
          <button type="button" className="btn" disabled={busy} onClick={() => void act('tunnel.stop')}>
            {t('tunnel.stop')}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || !!blocker}
            aria-describedby={blocker ? reasonId : undefined}
            onClick={() => void act('tunnel.start')}
          >
            {t('tunnel.start')}
          </button>
        )}
        {blocker && !tunnelRunning(tunnel) && (
          <span className="field-hint" id={reasonId} data-testid="tunnel-start-blocked">
            {t(blocker.reason)}{' '}
            {blocker.field && blocker.fix && <a href={tunnelHref(blocker.field)}>{t(blocker.fix)}</a>}
          </span>
        )}
      </div>
    </div>
  );
}

/** The offline reason in words, its fix, whether MPDesk retries, and a link to the field to change. */
export function TunnelOffline({ tunnel, linkToSettings }: { tunnel: TunnelStatus; linkToSettings: boolean }) {
  const { t, fmt, pick } = useI18n();
  const off = tunnel.offline;
  if (!off) return null;
  const field = offlineField(off.reason);
  return (
    <div className="alert dash-offline" role="status" data-testid="tunnel-offline">
      <strong>{pick(off.message)}</strong>
      <div>{pick(off.fix)}</div>
      {off.detail && <code className="dash-detail">{off.detail}</code>}
      <div className="field-hint">
        {off.retrying && tunnel.nextRetryAt
          ? t('dash.tunnel.retrying', { attempt: tunnel.attempt, time: fmt.time(tunnel.nextRetryAt) })
          : t('dash.tunnel.notRetrying')}
      </div>
      {field && linkToSettings && (
        <a className="btn btn-sm" href={tunnelHref(field)}>
          {t('tunnel.offline.fixHere')}
        </a>
      )}
    </div>
  );
}
