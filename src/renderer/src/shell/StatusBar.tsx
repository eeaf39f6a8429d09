import { useConnected } from '../api/api-context';
import { useAppStatus } from '../api/use-app-status';
import { useT } from '../i18n/i18n';

/** Event-stream state and where WeChat should call us; always visible. */
export function StatusBar() {
  const t = useT();
  const connected = useConnected();
  const { data: status } = useAppStatus();
  const listener = status?.callbackListener;
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
      <span className="spacer" />
      {status && <span>{t('status.version', { version: status.version, shell: status.shell })}</span>}
    </footer>
  );
}
