import type { z } from 'zod';
import {
  accountFieldSchemas,
  type AccountDto,
  type MessageMode,
} from '../../../../shared/api/areas/accounts';
import type { MethodInput } from '../../../../shared/api/contract';
import {
  accountApiFieldSchemas,
  isLoopbackUrl,
  redirectsSecret,
  type TokenSource,
} from '../../../../shared/api/areas/tokens';

/** What the form edits. Secrets start empty: the API never sends them back. */
export interface AccountFormValues {
  name: string;
  appId: string;
  appSecret: string;
  token: string;
  encodingAESKey: string;
  mode: MessageMode;
  callbackSlug: string;
  /** '' is WeChat's own host (the default), `sandbox` the built-in platform, else a URL. */
  apiBase: string;
  tokenSource: TokenSource;
  tokenBorrowUrl: string;
  /** The user says an http:// address is a proxy on this machine (sent as allowPlainHttpLoopback). */
  allowPlainHttp: boolean;
}

export type FieldName = Exclude<keyof AccountFormValues, 'allowPlainHttp'>;
export const SECRET_FIELDS = ['appSecret', 'token', 'encodingAESKey'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

/** A field's problem as a validation key (translated by the view) or server text. */
export interface FieldProblem {
  key: string;
  message: string;
}
export type FieldErrors = Partial<Record<FieldName, FieldProblem>>;

export function initialValues(existing?: AccountDto): AccountFormValues {
  return {
    name: existing?.name ?? '',
    appId: existing?.appId ?? '',
    appSecret: '',
    token: '',
    encodingAESKey: '',
    mode: existing?.mode ?? 'safe',
    callbackSlug: existing?.callbackSlug ?? '',
    apiBase: existing?.apiBase ?? '',
    tokenSource: existing?.tokenSource ?? 'stable_token',
    tokenBorrowUrl: existing?.tokenBorrowUrl ?? '',
    allowPlainHttp: false,
  };
}

/** The API fields as the contract names them ('' = the default, null on update). */
function apiOf(v: Pick<AccountFormValues, 'apiBase' | 'tokenSource' | 'tokenBorrowUrl'>) {
  return {
    apiBase: v.apiBase.trim() || null,
    apiBackupBase: null,
    tokenSource: v.tokenSource,
    tokenBorrowUrl: v.tokenSource === 'borrow' ? v.tokenBorrowUrl.trim() || null : null,
  };
}

/** The API rules that depend on more than one field, as the server applies them (issue 18). */
function validateApi(v: AccountFormValues, existing: AccountDto | undefined, put: Put): void {
  const api = apiOf(v);
  if (api.apiBase && api.apiBase !== 'sandbox')
    put('apiBase', check(accountApiFieldSchemas.apiBase, api.apiBase));
  if (v.tokenSource === 'borrow') {
    put('tokenBorrowUrl', check(accountApiFieldSchemas.tokenBorrowUrl, v.tokenBorrowUrl.trim()));
  }
  for (const field of ['apiBase', 'tokenBorrowUrl'] as const) {
    const url = api[field];
    if (url && /^http:/i.test(url) && !(v.allowPlainHttp && isLoopbackUrl(url)))
      put(field, { key: 'validation.httpsRequired', message: 'validation.httpsRequired' });
  }
  if (!existing || v.appSecret.trim()) return;
  const stored = { ...apiOf(initialValues(existing)), apiBackupBase: existing.apiBackupBase ?? null };
  if (redirectsSecret(stored, { apiBase: api.apiBase, tokenSource: api.tokenSource })) {
    put('appSecret', {
      key: 'validation.appSecretForApiChange',
      message: 'validation.appSecretForApiChange',
    });
  }
}

type Put = (name: FieldName, p: FieldProblem | undefined) => void;

/** The form's view of a secret: editing it now (create, or Replace clicked), or keeping the stored one. */
export type SecretEditing = Record<SecretField, boolean>;

export function initialEditing(existing?: AccountDto): SecretEditing {
  return {
    appSecret: !existing?.appSecret.isSet,
    token: !existing?.token.isSet,
    encodingAESKey: !existing?.encodingAESKey.isSet,
  };
}

function check(schema: z.ZodType, value: string): FieldProblem | undefined {
  const r = schema.safeParse(value);
  if (r.success) return undefined;
  const msg = r.error.issues[0]?.message ?? 'validation.invalid';
  return { key: msg.startsWith('validation.') ? msg : 'validation.invalid', message: msg };
}

/**
 * The same field rules as the server (accountFieldSchemas), plus the two rules that depend on
 * state: an empty secret on edit keeps the stored one, and compatible/safe need an EncodingAESKey.
 */
export function validate(v: AccountFormValues, editing: SecretEditing, existing?: AccountDto): FieldErrors {
  const f = accountFieldSchemas;
  const errors: FieldErrors = {};
  const put: Put = (name, p) => {
    if (p && !errors[name]) errors[name] = p;
  };
  put('name', check(f.name, v.name));
  put('appId', check(f.appId, v.appId.trim()));
  for (const s of SECRET_FIELDS) {
    const value = v[s].trim();
    const keepsStored = existing?.[s].isSet && (!editing[s] || value === '');
    if (keepsStored) continue;
    if (s === 'encodingAESKey' && value === '') continue; // the mode rule below decides
    put(s, check(f[s], value));
  }
  const aesAvailable = v.encodingAESKey.trim() !== '' || !!existing?.encodingAESKey.isSet;
  if (!errors.encodingAESKey && v.mode !== 'plain' && !aesAvailable) {
    errors.encodingAESKey = {
      key: 'validation.aesKeyRequiredForMode',
      message: 'validation.aesKeyRequiredForMode',
    };
  }
  if (v.callbackSlug.trim() !== '') put('callbackSlug', check(f.callbackSlug, v.callbackSlug.trim()));
  else if (existing) put('callbackSlug', check(f.callbackSlug, ''));
  validateApi(v, existing, put);
  return errors;
}

export function toCreateInput(v: AccountFormValues): MethodInput<'accounts.create'> {
  const { apiBase, ...createApi } = apiChanges(v, undefined);
  const aes = v.encodingAESKey.trim();
  const slug = v.callbackSlug.trim();
  return {
    name: v.name.trim(),
    appId: v.appId.trim(),
    appSecret: v.appSecret.trim(),
    token: v.token.trim(),
    mode: v.mode,
    ...(aes ? { encodingAESKey: aes } : {}),
    ...(slug ? { callbackSlug: slug } : {}),
    ...createApi,
    ...(apiBase ? { apiBase } : {}),
  };
}

/** The API fields that differ from the stored ones (or from the defaults, for a new account). */
function apiChanges(v: AccountFormValues, existing: AccountDto | undefined) {
  const next = apiOf(v);
  const cur = apiOf(initialValues(existing));
  return {
    ...(next.apiBase !== cur.apiBase ? { apiBase: next.apiBase } : {}),
    ...(next.tokenSource !== cur.tokenSource ? { tokenSource: next.tokenSource } : {}),
    ...(next.tokenBorrowUrl !== cur.tokenBorrowUrl && next.tokenBorrowUrl
      ? { tokenBorrowUrl: next.tokenBorrowUrl }
      : {}),
    ...(v.allowPlainHttp ? { allowPlainHttpLoopback: true } : {}),
  };
}

/** Only what changed; an empty secret is left out, which keeps the stored one. */
export function toUpdateInput(v: AccountFormValues, existing: AccountDto): MethodInput<'accounts.update'> {
  const out: MethodInput<'accounts.update'> = { id: existing.id };
  if (v.name.trim() !== existing.name) out.name = v.name.trim();
  if (v.appId.trim() !== existing.appId) out.appId = v.appId.trim();
  if (v.mode !== existing.mode) out.mode = v.mode;
  if (v.callbackSlug.trim() !== existing.callbackSlug) out.callbackSlug = v.callbackSlug.trim();
  for (const s of SECRET_FIELDS) {
    const value = v[s].trim();
    if (value) out[s] = value;
  }
  return { ...out, ...apiChanges(v, existing) };
}
