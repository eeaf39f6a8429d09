import { NGROK_REGIONS } from '../../../../../shared/api/areas/tunnel';
import { controlProps, Field } from '../../../components/Field';
import { useI18n } from '../../../i18n/I18nProvider';
import { tunnelFieldId } from './tunnel-fields';
import type { TunnelForm } from './use-tunnel-form';

/** ngrok as its dashboard names things: Your Authtoken (write-only here), Domains, region. */
export function NgrokFields({ form, authtokenSaved }: { form: TunnelForm; authtokenSaved: boolean }) {
  const { t } = useI18n();
  const { values, set, fieldError } = form;
  const tokenId = tunnelFieldId('authtoken');
  const domainId = tunnelFieldId('domain');
  const regionId = tunnelFieldId('region');
  const tokenError = fieldError('authtoken');
  return (
    <div className="form-grid">
      <div className="form-span">
        <Field
          id={tokenId}
          label={t('tunnel.ngrok.authtoken')}
          hint={t('tunnel.ngrok.authtoken.hint')}
          error={tokenError}
        >
          {authtokenSaved && values.authtokenMode !== 'replace' ? (
            <div className="secret-set">
              <span className={values.authtokenMode === 'remove' ? 'badge' : 'badge badge-ok'}>
                {values.authtokenMode === 'remove'
                  ? t('tunnel.ngrok.authtoken.removed')
                  : t('tunnel.ngrok.authtoken.set')}
              </span>
              <span className="spacer" />
              <button
                type="button"
                id={tokenId}
                className="btn btn-sm"
                onClick={() => set('authtokenMode', 'replace')}
              >
                {t('tunnel.ngrok.authtoken.replace')}
              </button>
              {values.authtokenMode === 'keep' ? (
                <button
                  type="button"
                  className="btn btn-sm btn-danger"
                  onClick={() => set('authtokenMode', 'remove')}
                >
                  {t('tunnel.ngrok.authtoken.remove')}
                </button>
              ) : (
                <button
                  type="button"
                  className="btn btn-sm btn-ghost"
                  onClick={() => set('authtokenMode', 'keep')}
                >
                  {t('tunnel.ngrok.authtoken.keep')}
                </button>
              )}
            </div>
          ) : (
            <div className="field-row">
              <input
                className="input mono"
                type="password"
                {...controlProps(tokenId, tokenError, true)}
                value={values.authtoken}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => set('authtoken', e.target.value)}
              />
              {authtokenSaved && (
                <button type="button" className="btn btn-ghost" onClick={() => set('authtokenMode', 'keep')}>
                  {t('tunnel.ngrok.authtoken.keep')}
                </button>
              )}
            </div>
          )}
        </Field>
      </div>
      <Field
        id={domainId}
        label={t('tunnel.ngrok.domain')}
        optional
        hint={t('tunnel.ngrok.domain.hint')}
        error={fieldError('domain')}
      >
        <input
          className="input mono"
          {...controlProps(domainId, fieldError('domain'), true)}
          value={values.domain}
          placeholder="your-name.ngrok-free.app"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => set('domain', e.target.value)}
        />
      </Field>
      <Field id={regionId} label={t('tunnel.ngrok.region')} hint={t('tunnel.ngrok.region.hint')}>
        <select
          className="select"
          {...controlProps(regionId, undefined, true)}
          value={values.region}
          onChange={(e) => set('region', e.target.value as (typeof NGROK_REGIONS)[number])}
        >
          {NGROK_REGIONS.map((r) => (
            <option key={r} value={r}>
              {t(`tunnel.region.${r}`)}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}
