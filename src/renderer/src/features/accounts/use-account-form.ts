import { useState, type FormEvent } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/I18nProvider';
import { isMessageKey } from '../../i18n/i18n';
import {
  initialEditing,
  initialValues,
  toCreateInput,
  toUpdateInput,
  validate,
  type AccountFormValues,
  type FieldErrors,
  type FieldName,
  type SecretEditing,
  type SecretField,
} from './account-form';
import { rememberFresh } from './fresh-secrets';
import { serverUrlOf } from './ServerConfig';
import type { CallbackBase, SecretView, ServerConfigProps } from './ServerConfig';

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

export type ServerUrl = ServerConfigProps['url'];

/**
 * The account form's state: values, which stored secrets are being replaced, and the problems the
 * contract's field schemas (then the server) find, each as a text in the UI language.
 */
export function useAccountForm(
  existing: AccountDto | undefined,
  base: CallbackBase | undefined,
  onSaved: (account: AccountDto) => void,
) {
  const { t, issueText } = useI18n();
  const api = useApi();
  const [values, setValues] = useState<AccountFormValues>(() => initialValues(existing));
  const [editing, setEditing] = useState<SecretEditing>(() => initialEditing(existing));
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

  /** Replace (on) or keep (off) a stored secret; keeping it clears what was typed. */
  const setSecretEditing = (field: SecretField, on: boolean) => {
    setEditing({ ...editing, [field]: on });
    if (!on) set(field, '');
  };

  const fieldError = (name: FieldName) => {
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
      // What the user typed or generated stays visible on the paste card for this session.
      rememberFresh(r.value.id, { token: values.token.trim(), encodingAESKey: values.encodingAESKey.trim() });
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

  /** A secret for the paste panel: what the user typed, else whether one is stored. */
  const secretView = (s: SecretField): SecretView => {
    const v = values[s].trim();
    if (v) return { value: v };
    if (existing?.[s].isSet) return { state: 'saved' };
    return { state: 'typeFirst' };
  };

  const slug = values.callbackSlug.trim();
  const slugOk = slug !== '' && !errors.callbackSlug && /^[A-Za-z0-9_-]{1,64}$/.test(slug);
  const path = slugOk ? `/wx/${slug}` : existing?.callbackPath;
  const url: ServerUrl = serverUrlOf(base, path);

  return {
    values,
    editing,
    errors,
    formError,
    busy,
    set,
    setAllowPlainHttp: (on: boolean) => setValues((v) => ({ ...v, allowPlainHttp: on })),
    setSecretEditing,
    fieldError,
    submit,
    secretView,
    url,
  };
}

export type AccountForm = ReturnType<typeof useAccountForm>;

function focusFirstError(errors: FieldErrors) {
  const first = (['name', 'appId', 'appSecret', 'callbackSlug', 'token', 'encodingAESKey'] as const).find(
    (n) => errors[n],
  );
  if (first) requestAnimationFrame(() => document.getElementById(`account-${first}`)?.focus());
}
