import { useId } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import type { OauthScope } from '../../../../shared/api/areas/oauth';
import { useI18n } from '../../i18n/I18nProvider';
import { BuiltUrl } from './BuiltUrl';
import { InputWithAction } from './InputWithAction';
import { LandingFields } from './LandingFields';
import type { UrlBuilder } from './use-url-builder';

const SCOPES: {
  value: OauthScope;
  title: 'oauth.scope.base' | 'oauth.scope.userinfo';
  desc: 'oauth.scope.base.desc' | 'oauth.scope.userinfo.desc';
}[] = [
  { value: 'snsapi_base', title: 'oauth.scope.base', desc: 'oauth.scope.base.desc' },
  { value: 'snsapi_userinfo', title: 'oauth.scope.userinfo', desc: 'oauth.scope.userinfo.desc' },
];

/**
 * The authorize-URL editor (docs/wechat-protocol.md §8.2): scope, redirect_uri (MPDesk's callback by
 * default), state (generated or typed, random or fixed), the landing page, a third-party platform
 * acting for the account, and the account's 网页授权域名; core builds the URL and issues the state,
 * so what is shown is exactly what the callback will accept.
 */
export function UrlEditor({ account, builder: b }: { account: AccountDto; builder: UrlBuilder }) {
  const { t } = useI18n();
  const uid = useId();
  const { settings, fieldErrors } = b;
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
                checked={b.scope === s.value}
                onChange={() => b.setScope(s.value)}
              />
              <span className="radio-card-title mono">{t(s.title)}</span>
              <span className="radio-card-desc">{t(s.desc)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <InputWithAction
        id={`${uid}-redirect`}
        label={t('oauth.redirect')}
        value={b.redirect}
        placeholder={settings?.defaultRedirectUri ?? ''}
        onChange={b.setRedirect}
        error={fieldErrors.redirectUri}
        hint={redirectHint}
        action={
          <button
            type="button"
            className="btn btn-sm"
            disabled={!b.redirect}
            onClick={() => b.setRedirect('')}
          >
            {t('oauth.redirect.useOurs')}
          </button>
        }
      />

      <InputWithAction
        id={`${uid}-state`}
        label={t('oauth.state')}
        value={b.stateText}
        maxLength={128}
        onChange={b.setStateText}
        error={fieldErrors.state}
        hint={t('oauth.state.hint')}
        action={
          <button type="button" className="btn btn-sm" onClick={() => b.setStateText('')}>
            {t('oauth.state.new')}
          </button>
        }
      />

      <LandingFields account={account} builder={b} />

      <InputWithAction
        id={`${uid}-domain`}
        label={t('oauth.domain')}
        value={b.domain}
        placeholder={settings?.publicOauthDomain ?? 'wx.example.com'}
        onChange={b.editDomain}
        error={fieldErrors.oauthDomain || undefined}
        hint={
          <>
            {b.domainNote ?? t('oauth.domain.hint')}
            {settings?.publicOauthDomain && settings.publicOauthDomain !== settings.oauthDomain && (
              <> {t('oauth.domain.suggest', { domain: settings.publicOauthDomain })}</>
            )}
          </>
        }
        action={
          <button type="button" className="btn btn-sm" onClick={() => void b.saveDomain()}>
            {t('common.save')}
          </button>
        }
      />

      {b.failure && (
        <div className="alert" role="alert">
          {b.failure}
        </div>
      )}

      <BuiltUrl built={b.built} fieldErrors={fieldErrors} />
    </section>
  );
}
