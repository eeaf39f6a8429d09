import { useTunnelStatus } from '../api/use-tunnel-status';
import { useI18n } from '../i18n/I18nProvider';
import { routeHref } from './router';

/**
 * On every other screen while the public URL has changed and the mp backend was not updated yet:
 * WeChat keeps calling the old address, so nothing arrives anywhere in MPDesk. The Dashboard and
 * Settings → Tunnel show the full alarm with the values to paste.
 */
export function UrlChangedStrip({ screen }: { screen: string }) {
  const { t } = useI18n();
  const tunnel = useTunnelStatus().data;
  const change = tunnel?.urlChange;
  if (!change || screen === 'dashboard' || screen === 'settings') return null;
  return (
    <div className="alert url-alarm-strip" role="alert" data-testid="url-changed-strip">
      <strong>{t('tunnel.alarm.title')}</strong>{' '}
      <span>{t('tunnel.alarm.body', { from: change.from, to: change.to })}</span>{' '}
      <a href={routeHref('dashboard')}>{t('tunnel.alarm.open')}</a>
    </div>
  );
}
