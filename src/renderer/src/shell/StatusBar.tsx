import { useConnected } from '../api/api-context';
import { useAppStatus } from '../api/use-app-status';
import { useI18n } from '../i18n/I18nProvider';
import { useTunnelStatus } from '../api/use-tunnel-status';

/** Event-stream state and where WeChat should call us; always visible. */
export function StatusBar() {
  const { t } = useI18n();
  const connected = useConnected();
  const { data: status } = useAppStatus();
  const listener = status?.callbackListener;
  const { data: tunnel } = useTunnelStatus();
  return (
    <footer className="statusbar" aria-label={t('status.label')}>
      <span role="status" data-testid="events-status" data-connected={connected}>
        <span className="status-dot" data-state={connected ? 'up' : 'down'} aria-hidden="true" />
        {connected ? t('status.events.up') : t('status.events.down')}
      </span>
      {status && (
        <span data-testid="callback-status">
          {listener ? t('status.callback', { url: listener.url }) : t('status.callback.down')}
        </span>
      )}
      {tunnel && tunnel.provider !== 'none' && (
        <span data-testid="tunnel-status">
          <span
            className="status-dot"
            data-state={tunnel.state === 'online' ? 'up' : tunnel.state === 'offline' ? 'down' : undefined}
            aria-hidden="true"
          />
          {tunnel.state === 'online' && tunnel.publicUrl
            ? t('status.tunnel.online', { url: tunnel.publicUrl })
            : t(`status.tunnel.${tunnel.state === 'online' ? 'connecting' : tunnel.state}`)}
        </span>
      )}
      <span className="spacer" />
      {status && (
        <span>
          {t('status.version', { version: status.version, shell: t(`status.shell.${status.shell}`) })}
        </span>
      )}
    </footer>
  );
}
