import { useEffect, useId, useState } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import type { OauthBuiltUrlDto, OauthScope, OauthSettingsDto } from '../../../../shared/api/areas/oauth';
import type { FieldIssue } from '../../../../shared/errors';
import { useApi, useApiEvent } from '../../api/api-context';
import { CopyButton } from '../../components/CopyButton';
import { controlProps } from '../../components/Field';
import { useLocale } from '../../i18n/i18n';
import { useErrorText, useFeatureT, usePick } from '../../i18n/feature-i18n';
import { oauthMessages } from './messages';

const SCOPES: {
  value: OauthScope;
  title: 'oauth.scope.base' | 'oauth.scope.userinfo';
  desc: 'oauth.scope.base.desc' | 'oauth.scope.userinfo.desc';
}[] = [
  { value: 'snsapi_base', title: 'oauth.scope.base', desc: 'oauth.scope.base.desc' },
  { value: 'snsapi_userinfo', title: 'oauth.scope.userinfo', desc: 'oauth.scope.userinfo.desc' },
];
const SEVERITY_CLASS = { error: 'alert', warn: 'notice', info: 'oauth-info' } as const;

/**
 * The authorize-URL editor (docs/wechat-protocol.md §8.2): scope, redirect_uri (MPDesk's callback by
 * default), state (generated or typed) and the account's 网页授权域名; core builds the URL and issues
 * the state, so what is shown is exactly what the callback will accept.
 */
export function UrlEditor({ account }: { account: AccountDto }) {
  const t = useFeatureT(oauthMessages);
  const pick = usePick();
  const errorText = useErrorText();
  const locale = useLocale();
  const api = useApi();
  const uid = useId();
  const [settings, setSettings] = useState<OauthSettingsDto>();
  const [scope, setScope] = useState<OauthScope>('snsapi_userinfo');
  const [redirect, setRedirect] = useState('');
  const [stateText, setStateText] = useState('');
  const [domain, setDomain] = useState('');
  const [domainNote, setDomainNote] = useState<string>();
  const [built, setBuilt] = useState<OauthBuiltUrlDto>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const [settingsNonce, setSettingsNonce] = useState(0);

  const issueText = (i: Pick<FieldIssue, 'key' | 'message'>) => {
    const s = t(i.key as never);
    return s === i.key ? i.message : s;
  };
  const errorsOf = (issues: FieldIssue[] | undefined) =>
    Object.fromEntries((issues ?? []).map((i) => [i.path, issueText(i)]));

  useEffect(() => {
    let live = true;
    void api.call('oauth.settings', { accountId: account.id }).then((r) => {
      if (!live || !r.ok) return;
      setSettings(r.value);
      setDomain((d) => d || r.value.oauthDomain || '');
    });
    return () => {
      live = false;
    };
  }, [api, account.id, settingsNonce]);
  useApiEvent('tunnel.changed', () => setSettingsNonce((n) => n + 1));

  useEffect(() => {
    let live = true;
    const id = setTimeout(() => {
      void api
        .call('oauth.buildUrl', {
          accountId: account.id,
          scope,
          redirectUri: redirect.trim() || undefined,
          state: stateText || undefined,
          previousState: built?.state,
        })
        .then((r) => {
          if (!live) return;
          if (r.ok) {
            setBuilt(r.value);
            setFieldErrors({});
            setFailure(undefined);
            if (!stateText) setStateText(r.value.state);
          } else {
            // No stale link to copy while the inputs are wrong.
            setBuilt(undefined);
            setFieldErrors(errorsOf(r.error.issues));
            setFailure(r.error.issues?.length ? undefined : errorText(r.error));
          }
        });
    }, 200);
    return () => {
      live = false;
      clearTimeout(id);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuild on input changes only
  }, [api, account.id, scope, redirect, stateText, settings?.defaultRedirectUri, settings?.oauthDomain]);

  // A state works once: after its callback, move on to a fresh one.
  useApiEvent('oauth.completed', (r) => {
    if (
      r.accountId === account.id &&
      r.state === stateText &&
      r.outcome !== 'rejected' &&
      r.outcome !== 'replayed'
    )
      setStateText('');
  });

  const saveDomain = async () => {
    const r = await api.call('oauth.configure', {
      accountId: account.id,
      oauthDomain: domain.trim() || null,
    });
    if (r.ok) {
      setSettings(r.value);
      setDomain(r.value.oauthDomain ?? '');
      setFieldErrors((e) => ({ ...e, oauthDomain: '' }));
      setDomainNote(t('oauth.domain.saved'));
    } else {
      setFieldErrors((e) => ({ ...e, ...errorsOf(r.error.issues) }));
      setDomainNote(undefined);
    }
  };

  const ids = { redirect: `${uid}-redirect`, state: `${uid}-state`, domain: `${uid}-domain` };
  const redirectHint = settings?.publicRedirectUri
    ? t('oauth.redirect.hintPublic')
    : t('oauth.redirect.hintLocal');

  return (
    <section className="card oauth-editor" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`} className="section-title">
        {t('oauth.editor.title')}
      </h2>

      <fieldset className="field oauth-scope">
        <legend className="field-label">{t('oauth.scope')}</legend>
        <div className="radio-cards">
          {SCOPES.map((s) => (
            <label key={s.value} className="radio-card">
              <input
                type="radio"
                name={`${uid}-scope`}
                value={s.value}
                checked={scope === s.value}
                onChange={() => setScope(s.value)}
              />
              <span className="radio-card-title mono">{t(s.title)}</span>
              <span className="radio-card-desc">{t(s.desc)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="field">
        <label className="field-label" htmlFor={ids.redirect}>
          {t('oauth.redirect')}
        </label>
        <div className="oauth-row">
          <input
            className="input mono"
            {...controlProps(ids.redirect, fieldErrors.redirectUri, redirectHint)}
            value={redirect}
            placeholder={settings?.defaultRedirectUri ?? ''}
            onChange={(e) => setRedirect(e.target.value)}
            spellCheck={false}
          />
          <button type="button" className="btn btn-sm" disabled={!redirect} onClick={() => setRedirect('')}>
            {t('oauth.redirect.useOurs')}
          </button>
        </div>
        {fieldErrors.redirectUri ? (
          <div className="field-error" id={`${ids.redirect}-error`} role="alert">
            {fieldErrors.redirectUri}
          </div>
        ) : (
          <div className="field-hint" id={`${ids.redirect}-hint`}>
            {redirectHint}
          </div>
        )}
      </div>

      <div className="field">
        <label className="field-label" htmlFor={ids.state}>
          {t('oauth.state')}
        </label>
        <div className="oauth-row">
          <input
            className="input mono"
            {...controlProps(ids.state, fieldErrors.state, t('oauth.state.hint'))}
            value={stateText}
            maxLength={128}
            onChange={(e) => setStateText(e.target.value)}
            spellCheck={false}
          />
          <button type="button" className="btn btn-sm" onClick={() => setStateText('')}>
            {t('oauth.state.new')}
          </button>
        </div>
        {fieldErrors.state ? (
          <div className="field-error" id={`${ids.state}-error`} role="alert">
            {fieldErrors.state}
          </div>
        ) : (
          <div className="field-hint" id={`${ids.state}-hint`}>
            {t('oauth.state.hint')}
          </div>
        )}
      </div>

      <div className="field">
        <label className="field-label" htmlFor={ids.domain}>
          {t('oauth.domain')}
        </label>
        <div className="oauth-row">
          <input
            className="input mono"
            {...controlProps(ids.domain, fieldErrors.oauthDomain || undefined, t('oauth.domain.hint'))}
            value={domain}
            placeholder={settings?.publicOauthDomain ?? 'wx.example.com'}
            onChange={(e) => {
              setDomain(e.target.value);
              setDomainNote(undefined);
            }}
            spellCheck={false}
          />
          <button type="button" className="btn btn-sm" onClick={() => void saveDomain()}>
            {t('common.save')}
          </button>
        </div>
        {fieldErrors.oauthDomain ? (
          <div className="field-error" id={`${ids.domain}-error`} role="alert">
            {fieldErrors.oauthDomain}
          </div>
        ) : (
          <div className="field-hint" id={`${ids.domain}-hint`}>
            {domainNote ?? t('oauth.domain.hint')}
            {settings?.publicOauthDomain && settings.publicOauthDomain !== settings.oauthDomain && (
              <> {t('oauth.domain.suggest', { domain: settings.publicOauthDomain })}</>
            )}
          </div>
        )}
      </div>

      {failure && (
        <div className="alert" role="alert">
          {failure}
        </div>
      )}

      <div className="oauth-result" aria-live="polite">
        <div className="oauth-result-head">
          <h3 className="section-title">{t('oauth.url')}</h3>
          {built && <CopyButton value={built.url} name={t('oauth.url')} />}
        </div>
        <code className="oauth-url" data-testid="oauth-url">
          {built?.url ??
            (Object.values(fieldErrors).some(Boolean) ? t('oauth.url.fixFields') : t('oauth.url.building'))}
        </code>
        {built && (
          <p className="field-hint">
            {t('oauth.stateExpires', { time: new Date(built.stateExpiresAt).toLocaleTimeString(locale) })}
          </p>
        )}
        {built?.sandboxUrl ? (
          <div className="oauth-sandbox">
            <a
              className="btn btn-primary"
              href={built.sandboxUrl}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="oauth-open-sandbox"
            >
              {t('oauth.openSandbox')}
            </a>
            <span className="field-hint">{t('oauth.openSandbox.hint')}</span>
          </div>
        ) : (
          built && <p className="field-hint">{t('oauth.url.forWechat')}</p>
        )}
        {built && built.issues.length > 0 && (
          <ul className="oauth-issues" aria-label={t('oauth.issue.warn')}>
            {built.issues.map((i) => (
              <li key={i.problem} className={SEVERITY_CLASS[i.severity]} data-problem={i.problem}>
                <strong>{t(`oauth.issue.${i.severity}`)}</strong> {pick(i.message)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
