import { useState, type FormEvent } from 'react';
import { MESSAGE_MODES, type AccountDto } from '../../../../shared/api/areas/accounts';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { Dialog } from '../../components/Dialog';
import { Field, controlProps } from '../../components/Field';
import { isMessageKey, useIssueText, useT, type MessageKey } from '../../i18n/i18n';
import {
  initialEditing,
  initialValues,
  toCreateInput,
  toUpdateInput,
  validate,
  type AccountFormValues,
  type FieldErrors,
  type FieldName,
  type SecretField,
} from './account-form';
import { generateAesKey, generateToken } from './generate';
import { isLocalUrl, modeLabelKey, ServerConfig, type CallbackBase, type SecretView } from './ServerConfig';
import { SaveFoot } from '../../components/SaveFoot';
import { ApiFields } from './ApiFields';

const FIELD_NAMES: readonly string[] = [
  'name',
  'appId',
  'appSecret',
  'token',
  'encodingAESKey',
  'mode',
  'callbackSlug',
  'apiBase',
  'tokenSource',
  'tokenBorrowUrl',
] satisfies FieldName[];

/**
 * Add or edit an account. Client-side checks use the contract's own field schemas; whatever the
 * server still rejects comes back as `issues` and lands next to the same fields.
 */
export function AccountFormDialog({
  existing,
  base,
  onClose,
  onSaved,
}: {
  existing?: AccountDto;
  base: CallbackBase | undefined;
  onClose: () => void;
  onSaved: (account: AccountDto) => void;
}) {
  const t = useT();
  const issueText = useIssueText();
  const api = useApi();
  const [values, setValues] = useState<AccountFormValues>(() => initialValues(existing));
  const [editing, setEditing] = useState(() => initialEditing(existing));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const set = (name: FieldName, value: string) => {
    const next = { ...values, [name]: value } as AccountFormValues;
    setValues(next);
    // After a first submit, re-check as the user fixes things so stale errors disappear.
    if (submitted) setErrors(validate(next, editing, existing));
  };

  const errorText = (name: FieldName) => {
    const e = errors[name];
    return e ? issueText(e) : undefined;
  };

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setSubmitted(true);
    setFormError(undefined);
    const found = validate(values, editing, existing);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(found);
      return;
    }
    setBusy(true);
    const r = existing
      ? await api.call('accounts.update', toUpdateInput(values, existing))
      : await api.call('accounts.create', toCreateInput(values));
    setBusy(false);
    if (r.ok) {
      onSaved(r.value);
      return;
    }
    showServerError(r.error);
  }

  function showServerError(error: ErrorBody) {
    const fieldErrors: FieldErrors = {};
    const other: string[] = [];
    for (const issue of error.issues ?? []) {
      if (FIELD_NAMES.includes(issue.path)) fieldErrors[issue.path as FieldName] = issue;
      else other.push(issueText(issue));
    }
    setErrors(fieldErrors);
    const codeKey = `error.${error.code}`;
    const reason = isMessageKey(codeKey) ? t(codeKey) : error.message;
    if (other.length > 0 || Object.keys(fieldErrors).length === 0) {
      setFormError(t('accounts.saveFailed', { reason: [reason, ...other].join('; ') }));
    }
    focusFirstError(fieldErrors);
  }

  const secretView = (s: SecretField): SecretView => {
    const v = values[s].trim();
    if (v) return { value: v };
    if (existing?.[s].isSet) return { state: 'saved' };
    return { state: 'typeFirst' };
  };

  const slug = values.callbackSlug.trim();
  const slugOk = slug !== '' && !errors.callbackSlug && /^[A-Za-z0-9_-]{1,64}$/.test(slug);
  const url: { value: string } | { pending: 'afterSave' | 'listener' } = !base
    ? { pending: 'listener' }
    : slugOk
      ? { value: `${base.url}/wx/${slug}` }
      : existing
        ? { value: `${base.url}${existing.callbackPath}` }
        : { pending: 'afterSave' };

  const title = existing ? t('accounts.dialog.edit', { name: existing.name }) : t('accounts.dialog.create');

  return (
    <Dialog title={title} onClose={onClose} wide>
      <form className="dialog-form" onSubmit={submit} noValidate>
        <div className="dialog-body">
          {formError && (
            <div className="alert" role="alert">
              {formError}
            </div>
          )}
          <section className="form-section">
            <h3 className="section-title">{t('accounts.section.credentials')}</h3>
            <div className="form-grid">
              <Field
                id="account-name"
                label={t('accounts.field.name')}
                hint={t('accounts.field.name.hint')}
                error={errorText('name')}
              >
                <input
                  className="input"
                  {...controlProps('account-name', errorText('name'), true)}
                  value={values.name}
                  onChange={(e) => set('name', e.target.value)}
                  autoComplete="off"
                  data-autofocus
                />
              </Field>
              <Field id="account-appId" label={t('accounts.field.appId')} error={errorText('appId')}>
                <input
                  className="input mono"
                  {...controlProps('account-appId', errorText('appId'))}
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
                  editing={editing.appSecret}
                  value={values.appSecret}
                  error={errorText('appSecret')}
                  onChange={(v) => set('appSecret', v)}
                  onEditingChange={(on) => {
                    setEditing({ ...editing, appSecret: on });
                    if (!on) set('appSecret', '');
                  }}
                  password
                />
              </div>
            </div>
          </section>

          <section className="form-section">
            <h3 className="section-title">{t('accounts.section.server')}</h3>
            <div className="form-grid">
              <Field
                id="account-callbackSlug"
                label={t('accounts.field.slug')}
                optional={!existing}
                hint={t('accounts.field.slug.hint')}
                error={errorText('callbackSlug')}
              >
                <input
                  className="input mono"
                  {...controlProps('account-callbackSlug', errorText('callbackSlug'), true)}
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
                editing={editing.token}
                value={values.token}
                error={errorText('token')}
                onChange={(v) => set('token', v)}
                onEditingChange={(on) => {
                  setEditing({ ...editing, token: on });
                  if (!on) set('token', '');
                }}
                onGenerate={() => set('token', generateToken())}
              />
              <SecretInput
                field="encodingAESKey"
                label={t('accounts.field.aesKey')}
                hint={t('accounts.field.aesKey.hint')}
                existing={existing}
                editing={editing.encodingAESKey}
                value={values.encodingAESKey}
                error={errorText('encodingAESKey')}
                onChange={(v) => set('encodingAESKey', v)}
                onEditingChange={(on) => {
                  setEditing({ ...editing, encodingAESKey: on });
                  if (!on) set('encodingAESKey', '');
                }}
                onGenerate={() => set('encodingAESKey', generateAesKey())}
              />
              <fieldset
                className="form-span field fieldset"
                aria-describedby={errors.mode ? 'account-mode-error' : undefined}
              >
                <legend className="field-label">{t('accounts.field.mode')}</legend>
                <div className="radio-cards">
                  {MESSAGE_MODES.map((m) => (
                    <label className="radio-card" key={m}>
                      <input
                        type="radio"
                        name="mode"
                        value={m}
                        checked={values.mode === m}
                        onChange={() => set('mode', m)}
                      />
                      <span>
                        <span className="radio-card-title">{t(modeLabelKey(m))}</span>
                        <span className="radio-card-desc" style={{ display: 'block' }}>
                          {t(`accounts.mode.${m}.desc` as MessageKey)}
                        </span>
                      </span>
                    </label>
                  ))}
                </div>
                {errors.mode && (
                  <div className="field-error" id="account-mode-error" role="alert">
                    {errorText('mode')}
                  </div>
                )}
              </fieldset>
            </div>
          </section>

          <ApiFields
            values={values}
            errorText={errorText}
            set={set}
            setAllowPlainHttp={(on) => setValues({ ...values, allowPlainHttp: on })}
          />

          <div className="server-config-box">
            <ServerConfig
              url={url}
              token={secretView('token')}
              aesKey={secretView('encodingAESKey')}
              mode={values.mode}
              local={!!base && !base.public && isLocalUrl(base.url)}
              viaTunnel={!!base?.public}
            />
          </div>
        </div>
        <SaveFoot busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

function focusFirstError(errors: FieldErrors) {
  const first = (['name', 'appId', 'appSecret', 'callbackSlug', 'token', 'encodingAESKey'] as const).find(
    (n) => errors[n],
  );
  if (first) requestAnimationFrame(() => document.getElementById(`account-${first}`)?.focus());
}

/**
 * A write-only secret. New: an input (and Generate). Stored: "已设置" with Replace; replacing shows an
 * empty input where leaving it empty keeps the stored value.
 */
function SecretInput({
  field,
  label,
  hint,
  existing,
  editing,
  value,
  error,
  onChange,
  onEditingChange,
  onGenerate,
  password = false,
}: {
  field: SecretField;
  label: string;
  hint: string;
  existing?: AccountDto;
  editing: boolean;
  value: string;
  error?: string;
  onChange: (v: string) => void;
  onEditingChange: (on: boolean) => void;
  onGenerate?: () => void;
  password?: boolean;
}) {
  const t = useT();
  const id = `account-${field}`;
  const stored = !!existing?.[field].isSet;
  if (stored && !editing) {
    return (
      <Field id={id} label={label} hint={hint} error={error}>
        <div className="secret-set">
          <span className="badge badge-ok">{t('common.set')}</span>
          <span className="spacer" />
          <button
            type="button"
            className="btn btn-sm"
            aria-label={t('accounts.secret.replaceNamed', { name: label })}
            onClick={() => onEditingChange(true)}
          >
            {t('accounts.secret.replace')}
          </button>
        </div>
      </Field>
    );
  }
  return (
    <Field id={id} label={label} hint={stored ? t('accounts.secret.keepHint') : hint} error={error}>
      <div className="field-row">
        <input
          className="input mono"
          {...controlProps(id, error, true)}
          type={password ? 'password' : 'text'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={stored ? t('accounts.secret.keepHint') : undefined}
          autoComplete={password ? 'new-password' : 'off'}
          spellCheck={false}
          autoFocus={stored}
        />
        {onGenerate && (
          <button
            type="button"
            className="btn"
            aria-label={t('common.generateNamed', { name: label })}
            onClick={onGenerate}
          >
            {t('common.generate')}
          </button>
        )}
        {stored && (
          <button type="button" className="btn btn-ghost" onClick={() => onEditingChange(false)}>
            {t('accounts.secret.keep')}
          </button>
        )}
      </div>
    </Field>
  );
}
