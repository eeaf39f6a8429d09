import { useEffect, useId, useState } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import type { GatewayConfigDto, GatewayDto } from '../../../../shared/api/areas/oauth-gateway';
import { useApi } from '../../api/api-context';
import { CheckboxLabel } from '../../components/CheckboxLabel';
import { controlProps } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The gateway's settings: the developer's app, its account, the protected paths and the landing allowlist. */
export function GatewayForm({ gateway, accounts }: { gateway: GatewayDto; accounts: AccountDto[] }) {
  const { t, issueText, errorText } = useI18n();
  const api = useApi();
  const uid = useId();
  const c = gateway.config;
  const [upstream, setUpstream] = useState(c.upstreamUrl ?? '');
  const [accountId, setAccountId] = useState(c.accountId ?? '');
  const [prefixes, setPrefixes] = useState(c.protectedPrefixes.join('\n'));
  const [allowlist, setAllowlist] = useState(c.landingAllowlist.join('\n'));
  const [seed, setSeed] = useState(c.seedProfiles);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [note, setNote] = useState<string>();
  useEffect(() => setNote(undefined), [upstream, accountId, prefixes, allowlist, seed]);

  const save = async () => {
    const config: GatewayConfigDto = {
      upstreamUrl: upstream.trim() || null,
      accountId: accountId || null,
      protectedPrefixes: lines(prefixes),
      landingAllowlist: lines(allowlist),
      seedProfiles: seed,
    };
    const r = await api.call('oauth.configureGateway', config);
    if (r.ok) {
      setErrors({});
      setNote(t('gateway.saved'));
    } else {
      const byField: Record<string, string> = {};
      for (const i of r.error.issues ?? []) {
        const [field = ''] = String(i.path).split('.');
        byField[field] = issueText(i);
      }
      setErrors(r.error.issues?.length ? byField : { form: errorText(r.error) });
    }
  };
  const field = (id: string, label: string, hint: string, control: React.ReactNode) => (
    <div className="field">
      <label className="field-label" htmlFor={`${uid}-${id}`}>
        {label}
      </label>
      {control}
      {errors[id] ? (
        <div className="field-error" id={`${uid}-${id}-error`} role="alert">
          {errors[id]}
        </div>
      ) : (
        <div className="field-hint" id={`${uid}-${id}-hint`}>
          {hint}
        </div>
      )}
    </div>
  );
  const props = (id: string) => controlProps(`${uid}-${id}`, errors[id], 'hint');
  return (
    <div className="oauth-gateway-form">
      {field(
        'upstreamUrl',
        t('gateway.upstream'),
        t('gateway.upstream.hint'),
        <input
          className="input mono"
          {...props('upstreamUrl')}
          value={upstream}
          placeholder="http://127.0.0.1:3000"
          spellCheck={false}
          onChange={(e) => setUpstream(e.target.value)}
        />,
      )}
      {field(
        'accountId',
        t('gateway.account'),
        '',
        <select
          className="input"
          {...props('accountId')}
          value={accountId}
          onChange={(e) => setAccountId(e.target.value)}
        >
          <option value="">{t('gateway.account.none')}</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>,
      )}
      {field(
        'protectedPrefixes',
        t('gateway.prefixes'),
        t('gateway.prefixes.hint'),
        <textarea
          className="input mono"
          rows={2}
          {...props('protectedPrefixes')}
          value={prefixes}
          spellCheck={false}
          onChange={(e) => setPrefixes(e.target.value)}
        />,
      )}
      {field(
        'landingAllowlist',
        t('gateway.allowlist'),
        t('gateway.allowlist.hint'),
        <textarea
          className="input mono"
          rows={2}
          {...props('landingAllowlist')}
          value={allowlist}
          spellCheck={false}
          onChange={(e) => setAllowlist(e.target.value)}
        />,
      )}
      <CheckboxLabel className="oauth-check" checked={seed} onChange={setSeed}>
        {t('gateway.seed')}
      </CheckboxLabel>
      {errors.form && (
        <div className="alert" role="alert">
          {errors.form}
        </div>
      )}
      <div className="oauth-row">
        <button type="button" className="btn btn-primary" onClick={() => void save()}>
          {t('gateway.save')}
        </button>
        {note && (
          <span className="field-hint" role="status">
            {note}
          </span>
        )}
      </div>
    </div>
  );
}
