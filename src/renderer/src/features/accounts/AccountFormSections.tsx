import { MESSAGE_MODES, type AccountDto } from '../../../../shared/api/areas/accounts';
import { Field, controlProps } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';
import { generateAesKey, generateToken } from './generate';
import { SecretInput } from './SecretInput';
import { modeLabelKey } from './ServerConfig';
import type { AccountForm } from './use-account-form';
import { RadioCards } from '../../components/RadioCards';

interface SectionProps {
  form: AccountForm;
  existing: AccountDto | undefined;
}

/** 开发者ID(AppID), 开发者密码(AppSecret) and the account's name. */
export function CredentialsSection({ form, existing }: SectionProps) {
  const { t } = useI18n();
  const { values, fieldError, set } = form;
  return (
    <section className="form-section">
      <h3 className="section-title">{t('accounts.section.credentials')}</h3>
      <div className="form-grid">
        <Field
          id="account-name"
          label={t('accounts.field.name')}
          hint={t('accounts.field.name.hint')}
          error={fieldError('name')}
        >
          <input
            className="input"
            {...controlProps('account-name', fieldError('name'), true)}
            value={values.name}
            onChange={(e) => set('name', e.target.value)}
            autoComplete="off"
            data-autofocus
          />
        </Field>
        <Field id="account-appId" label={t('accounts.field.appId')} error={fieldError('appId')}>
          <input
            className="input mono"
            {...controlProps('account-appId', fieldError('appId'))}
            value={values.appId}
            onChange={(e) => set('appId', e.target.value)}
            placeholder="wx0123456789abcdef"
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <div className="form-span">
          <SecretInput
            field="appSecret"
            label={t('accounts.field.appSecret')}
            hint={t('accounts.field.appSecret.hint')}
            existing={existing}
            editing={form.editing.appSecret}
            value={values.appSecret}
            error={fieldError('appSecret')}
            onChange={(v) => set('appSecret', v)}
            onEditingChange={(on) => form.setSecretEditing('appSecret', on)}
            password
          />
        </div>
      </div>
    </section>
  );
}

/** 服务器配置: the callback path, 令牌(Token), 消息加解密密钥 and 消息加解密方式. */
export function ServerSection({ form, existing }: SectionProps) {
  const { t } = useI18n();
  const { values, fieldError, set } = form;
  return (
    <section className="form-section">
      <h3 className="section-title">{t('accounts.section.server')}</h3>
      <div className="form-grid">
        <Field
          id="account-callbackSlug"
          label={t('accounts.field.slug')}
          optional={!existing}
          hint={t('accounts.field.slug.hint')}
          error={fieldError('callbackSlug')}
        >
          <input
            className="input mono"
            {...controlProps('account-callbackSlug', fieldError('callbackSlug'), true)}
            value={values.callbackSlug}
            onChange={(e) => set('callbackSlug', e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <div />
        <SecretInput
          field="token"
          label={t('accounts.field.token')}
          hint={t('accounts.field.token.hint')}
          existing={existing}
          editing={form.editing.token}
          value={values.token}
          error={fieldError('token')}
          onChange={(v) => set('token', v)}
          onEditingChange={(on) => form.setSecretEditing('token', on)}
          onGenerate={() => set('token', generateToken())}
        />
        <SecretInput
          field="encodingAESKey"
          label={t('accounts.field.aesKey')}
          hint={t('accounts.field.aesKey.hint')}
          existing={existing}
          editing={form.editing.encodingAESKey}
          value={values.encodingAESKey}
          error={fieldError('encodingAESKey')}
          onChange={(v) => set('encodingAESKey', v)}
          onEditingChange={(on) => form.setSecretEditing('encodingAESKey', on)}
          onGenerate={() => set('encodingAESKey', generateAesKey())}
        />
        <ModeField form={form} />
      </div>
    </section>
  );
}

function ModeField({ form }: { form: AccountForm }) {
  const { t } = useI18n();
  const { values, errors, set } = form;
  return (
    <fieldset
      className="form-span field fieldset"
      aria-describedby={errors.mode ? 'account-mode-error' : undefined}
    >
      <legend className="field-label">{t('accounts.field.mode')}</legend>
      <RadioCards
        name="mode"
        options={MESSAGE_MODES}
        value={values.mode}
        onChange={(m) => set('mode', m)}
        title={(m) => t(modeLabelKey(m))}
        desc={(m) => t(`accounts.mode.${m}.desc`)}
      />
      {errors.mode && (
        <div className="field-error" id="account-mode-error" role="alert">
          {form.fieldError('mode')}
        </div>
      )}
    </fieldset>
  );
}
