import { useId, useState } from 'react';
import type { ComponentAuthUrlDto, ComponentPlatformDto } from '../../../../shared/api/areas/component';
import { useApi } from '../../api/api-context';
import { Alert } from '../../components/Alert';
import { CopyButton } from '../../components/CopyButton';
import { controlProps, Field } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';

/** The authorization link builder (docs/wechat-protocol.md §11.5): kind, type, optional appid and redirect. */
export function AuthLinkCard({ platform }: { platform: ComponentPlatformDto }) {
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
      <Alert>{failure}</Alert>
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
