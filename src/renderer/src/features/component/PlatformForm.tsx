import { useId, useState } from 'react';
import type { ComponentPlatformDto } from '../../../../shared/api/areas/component';
import { useApi } from '../../api/api-context';
import { controlProps, Field } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';

/** Configure a platform (`component.configure`). Secrets are write-only: empty keeps the stored one. */
export function PlatformForm({
  platform,
  onDone,
}: {
  platform?: ComponentPlatformDto;
  onDone: (p?: ComponentPlatformDto) => void;
}) {
  const { t, errorText, issueText } = useI18n();
  const api = useApi();
  const uid = useId();
  const [name, setName] = useState(platform?.name ?? '');
  const [appId, setAppId] = useState(platform?.componentAppId ?? '');
  const [appSecret, setAppSecret] = useState('');
  const [token, setToken] = useState('');
  const [aesKey, setAesKey] = useState('');
  const [apiBase, setApiBase] = useState(platform?.isSandbox ? 'sandbox' : 'https://api.weixin.qq.com');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    const r = await api.call('component.configure', {
      id: platform?.id,
      name,
      componentAppId: appId,
      appSecret: appSecret || undefined,
      token: token || undefined,
      encodingAESKey: aesKey || undefined,
      apiBase,
    });
    setBusy(false);
    if (r.ok) {
      onDone(r.value);
      return;
    }
    setErrors(Object.fromEntries((r.error.issues ?? []).map((i) => [i.path, issueText(i)])));
    setFailure(r.error.issues?.length ? undefined : errorText(r.error));
  };

  const id = (k: string) => `${uid}-${k}`;
  const secret = (
    key: 'appSecret' | 'token' | 'encodingAESKey',
    label: string,
    value: string,
    set: (v: string) => void,
    isSet: boolean | undefined,
  ) => (
    <Field
      id={id(key)}
      label={label}
      error={errors[key]}
      hint={isSet ? t('component.form.secretKeep') : undefined}
    >
      <input
        className="input mono"
        type="password"
        autoComplete="off"
        value={value}
        onChange={(e) => set(e.target.value)}
        {...controlProps(id(key), errors[key], isSet ? 'x' : undefined)}
      />
    </Field>
  );

  return (
    <section className="card component-form" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`} className="section-title">
        {platform ? t('component.form.titleEdit') : t('component.form.titleNew')}
      </h2>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field id={id('name')} label={t('component.form.name')} error={errors.name}>
          <input
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            {...controlProps(id('name'), errors.name)}
          />
        </Field>
        <Field id={id('appId')} label={t('component.form.appId')} error={errors.componentAppId}>
          <input
            className="input mono"
            value={appId}
            placeholder="wx…"
            onChange={(e) => setAppId(e.target.value)}
            {...controlProps(id('appId'), errors.componentAppId)}
          />
        </Field>
        {secret(
          'appSecret',
          t('component.form.appSecret'),
          appSecret,
          setAppSecret,
          platform?.appSecret.isSet,
        )}
        {secret('token', t('component.form.token'), token, setToken, platform?.token.isSet)}
        {secret(
          'encodingAESKey',
          t('component.form.aesKey'),
          aesKey,
          setAesKey,
          platform?.encodingAESKey.isSet,
        )}
        <Field id={id('api')} label={t('component.form.apiBase')} error={errors.apiBase}>
          <select
            className="select"
            id={id('api')}
            value={apiBase}
            onChange={(e) => setApiBase(e.target.value)}
          >
            <option value="https://api.weixin.qq.com">{t('component.form.apiOfficial')}</option>
            <option value="sandbox">{t('component.form.apiSandbox')}</option>
          </select>
        </Field>
        {failure && (
          <p className="alert form-span" role="alert">
            {failure}
          </p>
        )}
        <div className="form-span component-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('component.form.save')}
          </button>
          <button type="button" className="btn" onClick={() => onDone()}>
            {t('component.form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
