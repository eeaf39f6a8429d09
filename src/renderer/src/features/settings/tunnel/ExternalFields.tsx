import { controlProps, Field } from '../../../components/Field';
import { useI18n } from '../../../i18n/I18nProvider';
import { publicPort, tunnelFieldId } from './tunnel-fields';
import type { TunnelForm } from './use-tunnel-form';

const TOOLS = [
  'tunnel.external.frp',
  'tunnel.external.natapp',
  'tunnel.external.cpolar',
  'tunnel.external.oray',
  'tunnel.external.nginx',
] as const;

/**
 * The user's own public URL, with what to point each common tool at (127.0.0.1:<callback port>),
 * and a warning when the URL is on a port WeChat does not call (docs/wechat-protocol.md §0).
 */
export function ExternalFields({ form, port }: { form: TunnelForm; port: string }) {
  const { t } = useI18n();
  const { values, set, fieldError } = form;
  const id = tunnelFieldId('externalUrl');
  const error = fieldError('externalUrl');
  const typed = values.externalUrl.trim();
  const used = typed ? publicPort(typed) : null;
  const wrongPort = used !== null && used !== 80 && used !== 443;
  return (
    <div className="form-section">
      <Field id={id} label={t('tunnel.external.url')} hint={t('tunnel.external.url.hint')} error={error}>
        <input
          className="input mono"
          {...controlProps(id, error, true)}
          value={values.externalUrl}
          placeholder="https://wx.example.com"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => set('externalUrl', e.target.value)}
        />
      </Field>
      {wrongPort && (
        <p className="notice" role="status" data-testid="external-port-warning">
          {t('tunnel.external.port', { port: used })}
        </p>
      )}
      <div>
        <p className="field-hint">{t('tunnel.external.how', { port })}</p>
        <ul className="tunnel-tools">
          {TOOLS.map((k) => (
            <li key={k}>{t(k, { port })}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
