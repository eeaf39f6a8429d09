import { useEffect, useId, useState } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import type { ComponentPlatformDto } from '../../../../shared/api/areas/component';
import { controlProps } from '../../components/Field';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/I18nProvider';
import { InputWithAction } from './InputWithAction';
import type { UrlBuilder } from './use-url-builder';

/**
 * Where the fan lands after signing in, whether the state is a fixed one (the state → page map of
 * menu links), and the third-party platform acting for the account (§11.6), when it authorized one.
 */
export function LandingFields({ account, builder: b }: { account: AccountDto; builder: UrlBuilder }) {
  const { t } = useI18n();
  const uid = useId();
  const platforms = useAuthorizedPlatforms(account.appId);
  return (
    <>
      <InputWithAction
        id={`${uid}-landing`}
        label={t('oauth.landing')}
        value={b.landing}
        placeholder="/grades"
        onChange={b.setLanding}
        error={b.fieldErrors.landing}
        hint={t('oauth.landing.hint')}
      />
      <div className="field">
        <label className="oauth-check">
          <input
            type="checkbox"
            checked={b.fixed}
            onChange={(e) => b.setFixed(e.target.checked)}
            aria-describedby={`${uid}-fixed-hint`}
          />
          {t('oauth.fixed')}
        </label>
        <div className="field-hint" id={`${uid}-fixed-hint`}>
          {t('oauth.fixed.hint')}
        </div>
      </div>
      {platforms.length > 0 && (
        <div className="field">
          <label className="field-label" htmlFor={`${uid}-component`}>
            {t('oauth.component')}
          </label>
          <select
            className="input"
            {...controlProps(`${uid}-component`, b.fieldErrors.componentId)}
            value={b.componentId}
            onChange={(e) => b.setComponentId(e.target.value)}
          >
            <option value="">{t('oauth.component.none')}</option>
            {platforms.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.componentAppId})
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
}

/** The third-party platforms this AppID authorized (they may run web OAuth on its behalf). */
function useAuthorizedPlatforms(appId: string): ComponentPlatformDto[] {
  const api = useApi();
  const [list, setList] = useState<ComponentPlatformDto[]>([]);
  useEffect(() => {
    let live = true;
    void api.call('component.list', undefined).then((r) => {
      if (live && r.ok) setList(r.value.filter((p) => p.authorizers.some((a) => a.appid === appId)));
    });
    return () => {
      live = false;
    };
  }, [api, appId]);
  return list;
}
