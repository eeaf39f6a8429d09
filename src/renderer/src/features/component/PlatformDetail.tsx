import { useId, useState } from 'react';
import type { ComponentAuthUrlDto, ComponentPlatformDto } from '../../../../shared/api/areas/component';
import { useApi } from '../../api/api-context';
import { CopyButton } from '../../components/CopyButton';
import { controlProps, Field } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';
import { useNow } from '../../components/use-now';

/** Callback URLs to paste, ticket and token status, the §11.5 link builder and the authorizers. */
export function PlatformDetail({ platform }: { platform: ComponentPlatformDto }) {
  return (
    <div className="component-detail">
      <CallbackUrls platform={platform} />
      <TicketAndToken platform={platform} />
      <AuthLink platform={platform} />
      <Authorizers platform={platform} />
    </div>
  );
}

function CallbackUrls({ platform }: { platform: ComponentPlatformDto }) {
  const { t } = useI18n();
  const urls = platform.urls.public ?? platform.urls.local;
  return (
    <section className="card" aria-label={t('component.urls.title')}>
      <h2 className="section-title">{t('component.urls.title')}</h2>
      <p className={platform.urls.public ? 'field-hint' : 'notice'}>
        {platform.urls.public ? t('component.urls.public') : t('component.urls.local')}
      </p>
      {urls && (
        <dl className="kv component-kv component-urls">
          <dt className="kv-label">{t('component.urls.events')}</dt>
          <dd className="kv-value">
            <code className="mono" data-testid="component-events-url">
              {urls.events}
            </code>
            <CopyButton value={urls.events} name={t('component.copyEvents')} />
          </dd>
          <dt className="kv-label">{t('component.urls.messages')}</dt>
          <dd className="kv-value">
            <code className="mono" data-testid="component-messages-url">
              {urls.messages}
            </code>
            <CopyButton value={urls.messages} name={t('component.copyMessages')} />
          </dd>
        </dl>
      )}
    </section>
  );
}

function TicketAndToken({ platform }: { platform: ComponentPlatformDto }) {
  const { t, errorText, fmt } = useI18n();
  const now = useNow();
  const api = useApi();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async (method: 'component.refreshToken' | 'component.pushTicket') => {
    setBusy(true);
    const r = await api.call(method, { id: platform.id });
    setBusy(false);
    setFailure(r.ok ? undefined : errorText(r.error));
  };
  const tk = platform.ticket;
  const ct = platform.componentToken;
  return (
    <section className="card" aria-label={t('component.status.title')}>
      <h2 className="section-title">{t('component.status.title')}</h2>
      <dl className="kv component-kv">
        <dt className="kv-label mono">{t('component.ticket')}</dt>
        <dd className="kv-value" data-testid="component-ticket">
          {tk
            ? t('component.ticket.at', {
                time: fmt.dateTime(tk.receivedAt),
                age: fmt.relative(tk.receivedAt, now),
                until: fmt.dateTime(tk.expiresAt),
              })
            : t('component.ticket.none')}
        </dd>
        <dt className="kv-label mono">{t('component.token')}</dt>
        <dd className="kv-value" data-testid="component-token">
          {ct.hasToken && ct.expiresAt
            ? t('component.token.valid', { time: fmt.dateTime(ct.expiresAt) })
            : t('component.token.none')}
          {ct.lastError && (
            <span className="component-error">
              {' '}
              {t('component.lastError', { message: ct.lastError.message })}
            </span>
          )}
        </dd>
      </dl>
      <div className="component-actions">
        <button
          type="button"
          className="btn btn-sm"
          disabled={busy}
          onClick={() => void run('component.refreshToken')}
        >
          {t('component.token.fetch')}
        </button>
        {platform.isSandbox && (
          <button
            type="button"
            className="btn btn-sm"
            disabled={busy}
            onClick={() => void run('component.pushTicket')}
          >
            {t('component.ticket.push')}
          </button>
        )}
      </div>
      {failure && (
        <p className="alert" role="alert">
          {failure}
        </p>
      )}
    </section>
  );
}

function AuthLink({ platform }: { platform: ComponentPlatformDto }) {
  const { t, errorText, issueText, fmt } = useI18n();
  const api = useApi();
  const uid = useId();
  const [kind, setKind] = useState<'pc' | 'mobile'>('pc');
  const [authType, setAuthType] = useState<1 | 2 | 3>(3);
  const [biz, setBiz] = useState('');
  const [redirect, setRedirect] = useState('');
  const [built, setBuilt] = useState<ComponentAuthUrlDto>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const build = async () => {
    const r = await api.call('component.buildAuthUrl', {
      id: platform.id,
      kind,
      authType,
      bizAppid: biz.trim() || undefined,
      redirectUri: redirect.trim() || undefined,
    });
    if (r.ok) {
      setBuilt(r.value);
      setErrors({});
      setFailure(undefined);
    } else {
      setBuilt(undefined);
      setErrors(Object.fromEntries((r.error.issues ?? []).map((i) => [i.path, issueText(i)])));
      setFailure(r.error.issues?.length ? undefined : errorText(r.error));
    }
  };
  const id = (k: string) => `${uid}-${k}`;
  return (
    <section className="card" aria-label={t('component.auth.title')}>
      <h2 className="section-title">{t('component.auth.title')}</h2>
      <div className="form-grid">
        <Field id={id('kind')} label={t('component.auth.kind')}>
          <select
            className="select"
            id={id('kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as 'pc' | 'mobile')}
          >
            <option value="pc">{t('component.auth.pc')}</option>
            <option value="mobile">{t('component.auth.mobile')}</option>
          </select>
        </Field>
        <Field id={id('type')} label={t('component.auth.type')}>
          <select
            className="select"
            id={id('type')}
            value={authType}
            onChange={(e) => setAuthType(Number(e.target.value) as 1 | 2 | 3)}
          >
            <option value={1}>{t('component.auth.type1')}</option>
            <option value={2}>{t('component.auth.type2')}</option>
            <option value={3}>{t('component.auth.type3')}</option>
          </select>
        </Field>
        <Field id={id('biz')} label={t('component.auth.biz')} error={errors.bizAppid}>
          <input
            className="input mono"
            value={biz}
            onChange={(e) => setBiz(e.target.value)}
            {...controlProps(id('biz'), errors.bizAppid)}
          />
        </Field>
        <Field
          id={id('redirect')}
          label={t('component.auth.redirect')}
          error={errors.redirectUri}
          hint={t('component.auth.redirectHint')}
        >
          <input
            className="input mono"
            value={redirect}
            placeholder={(platform.urls.public ?? platform.urls.local)?.authorized ?? 'https://'}
            onChange={(e) => setRedirect(e.target.value)}
            {...controlProps(id('redirect'), errors.redirectUri, t('component.auth.redirectHint'))}
          />
        </Field>
      </div>
      <div className="component-actions">
        <button type="button" className="btn btn-primary btn-sm" onClick={() => void build()}>
          {t('component.auth.build')}
        </button>
      </div>
      {failure && (
        <p className="alert" role="alert">
          {failure}
        </p>
      )}
      {built && (
        <div className="component-authurl">
          <span className="field-label">{t('component.auth.url')}</span>
          <code className="mono component-url" data-testid="component-auth-url">
            {built.url}
          </code>
          <div className="component-actions">
            <CopyButton value={built.url} name={t('component.copyAuthUrl')} />
            {built.sandboxUrl && (
              <a className="btn btn-sm" href={built.sandboxUrl} target="_blank" rel="noreferrer">
                {t('component.auth.openSandbox')}
              </a>
            )}
            <span className="field-hint">
              {t('component.auth.expires', { time: fmt.dateTime(built.preAuthCodeExpiresAt) })}
            </span>
          </div>
        </div>
      )}
    </section>
  );
}

function Authorizers({ platform }: { platform: ComponentPlatformDto }) {
  const { t, errorText, fmt } = useI18n();
  const api = useApi();
  const [failure, setFailure] = useState<string>();
  const refresh = async (appid: string) => {
    const r = await api.call('component.refreshAuthorizer', { id: platform.id, authorizerAppid: appid });
    setFailure(r.ok ? undefined : errorText(r.error));
  };
  return (
    <section className="card" aria-label={t('component.authorizers.title')}>
      <h2 className="section-title">{t('component.authorizers.title')}</h2>
      {platform.authorizers.length === 0 ? (
        <p className="empty">{t('component.authorizers.empty')}</p>
      ) : (
        <div className="component-table-wrap">
          <table className="component-table" data-testid="component-authorizers">
            <thead>
              <tr>
                <th>{t('component.authorizers.appid')}</th>
                <th>{t('component.authorizers.event')}</th>
                <th>{t('component.authorizers.at')}</th>
                <th>{t('component.authorizers.func')}</th>
                <th>{t('component.authorizers.token')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {platform.authorizers.map((a) => (
                <tr key={a.appid}>
                  <td className="mono">{a.appid}</td>
                  <td className="mono">{a.lastEvent}</td>
                  <td>{fmt.dateTime(a.authorizedAt)}</td>
                  <td className="mono">{a.funcInfo.join(', ') || '—'}</td>
                  <td>
                    {a.token.hasToken && a.token.expiresAt
                      ? t('component.token.valid', { time: fmt.dateTime(a.token.expiresAt) })
                      : t('component.token.none')}
                    {a.token.lastError && (
                      <div className="component-error">
                        {t('component.lastError', { message: a.token.lastError.message })}
                      </div>
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-sm"
                      disabled={!a.refreshTokenSet}
                      onClick={() => void refresh(a.appid)}
                    >
                      {t('component.authorizers.refresh')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {failure && (
        <p className="alert" role="alert">
          {failure}
        </p>
      )}
    </section>
  );
}
