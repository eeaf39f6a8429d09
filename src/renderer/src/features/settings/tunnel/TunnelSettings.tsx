import { useEffect, useRef } from 'react';
import { TUNNEL_PROVIDERS, type TunnelStatus } from '../../../../../shared/api/areas/tunnel';
import { useAppStatus } from '../../../api/use-app-status';
import { useTunnelStatus } from '../../../api/use-tunnel-status';
import { CopyButton } from '../../../components/CopyButton';
import { useI18n } from '../../../i18n/I18nProvider';
import { ExternalFields } from './ExternalFields';
import { NgrokFields } from './NgrokFields';
import { TunnelControls, TunnelOffline } from './TunnelControls';
import { listenerPort, tunnelFieldId, type TunnelField } from './tunnel-fields';
import { UrlChangeAlarm } from './UrlChangeAlarm';
import { useTunnelForm } from './use-tunnel-form';
import './tunnel.css';
import { CheckboxLabel } from '../../../components/CheckboxLabel';
import { RadioCards } from '../../../components/RadioCards';

/** Settings → Tunnel (`#/settings/tunnel/<field>` scrolls here and focuses the field). */
export function TunnelSettings({ focus }: { focus?: TunnelField | 'card' }) {
  const { t } = useI18n();
  const tunnel = useTunnelStatus();
  const listener = useAppStatus().data?.callbackListener?.url;
  const card = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!focus || !tunnel.data) return;
    card.current?.scrollIntoView({ block: 'start' });
    if (focus === 'card') return;
    const el =
      document.getElementById(tunnelFieldId(focus)) ??
      card.current?.querySelector<HTMLElement>(`[data-field="${tunnelFieldId(focus)}"] input:checked`);
    el?.focus();
  }, [focus, tunnel.data]);
  return (
    <section className="card settings-card tunnel-settings" aria-labelledby="settings-tunnel" ref={card}>
      <h2 id="settings-tunnel">{t('tunnel.title')}</h2>
      <p className="field-hint">{t('tunnel.intro', { listener: listener ?? '—' })}</p>
      {tunnel.data ? (
        <TunnelForm tunnel={tunnel.data} listener={listener} onStatus={tunnel.set} />
      ) : (
        <p className="field-hint">{t('common.loading')}</p>
      )}
    </section>
  );
}

function TunnelForm({
  tunnel,
  listener,
  onStatus,
}: {
  tunnel: TunnelStatus;
  listener: string | undefined;
  onStatus: (s: TunnelStatus) => void;
}) {
  const { t, fmt } = useI18n();
  const form = useTunnelForm(tunnel, onStatus);
  const { values, set } = form;
  const providerId = tunnelFieldId('provider');
  return (
    <>
      <UrlChangeAlarm tunnel={tunnel} onChange={onStatus} />
      <div className="tunnel-status" data-testid="tunnel-settings-status">
        <span className="dash-state" data-state={tunnel.state}>
          {t(`dash.tunnel.provider.${tunnel.provider}`)} · {t(`dash.tunnel.state.${tunnel.state}`)}
        </span>
        <span className="field-hint">{t('dash.tunnel.since', { time: fmt.time(tunnel.since) })}</span>
        {tunnel.publicUrl && (
          <>
            <code>{tunnel.publicUrl}</code>
            <CopyButton value={tunnel.publicUrl} name={t('dash.tunnel.publicUrl')} />
          </>
        )}
      </div>
      <TunnelOffline tunnel={tunnel} linkToSettings />
      <fieldset className="field fieldset" data-field={providerId}>
        <legend className="field-label">{t('tunnel.provider')}</legend>
        <RadioCards
          name="tunnel-provider"
          options={TUNNEL_PROVIDERS}
          value={values.provider}
          onChange={(p) => set('provider', p)}
          title={(p) => t(`tunnel.provider.${p}`)}
          desc={(p) => t(`tunnel.provider.${p}.desc`)}
        />
      </fieldset>
      {values.provider === 'ngrok' && (
        <NgrokFields form={form} authtokenSaved={tunnel.config.ngrok.authtoken.isSet} />
      )}
      {values.provider === 'external' && <ExternalFields form={form} port={listenerPort(listener)} />}
      {values.provider !== 'none' && (
        <CheckboxLabel
          className="settings-check"
          checked={values.startOnLaunch}
          onChange={(on) => set('startOnLaunch', on)}
        >
          {t('tunnel.startOnLaunch')}
        </CheckboxLabel>
      )}
      {form.dirty || form.note ? (
        <div className="field-row">
          {form.dirty && (
            <button
              type="button"
              className="btn btn-primary"
              disabled={form.busy}
              onClick={() => void form.save(false)}
            >
              {t('tunnel.save')}
            </button>
          )}
          {form.dirty && values.provider !== 'none' && (
            <button type="button" className="btn" disabled={form.busy} onClick={() => void form.save(true)}>
              {t('tunnel.saveAndStart')}
            </button>
          )}
          <span role="status" className={form.note?.tone === 'error' ? 'field-error' : 'field-hint'}>
            {form.note?.text ?? t('tunnel.dirty')}
          </span>
        </div>
      ) : null}
      {!form.dirty && <TunnelControls tunnel={tunnel} listenerUp={!!listener} onChange={onStatus} />}
    </>
  );
}
