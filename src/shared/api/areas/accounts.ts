import { z } from 'zod';
import { defineMethod } from '../define';
import { byId, noInput, type SecretState } from './common';
import { accountApiFieldSchemas as apiF, refinePlainHttp, type TokenSource } from './tokens';

export const MESSAGE_MODES = ['plain', 'compatible', 'safe'] as const;
export type MessageMode = (typeof MESSAGE_MODES)[number];

/**
 * Field rules, shared by the contract validators and the Accounts form, so the user sees exactly the
 * error the server would give. Formats follow the mp backend's 服务器配置 form (docs/wechat-protocol.md §1, §4.1).
 */
export const accountFieldSchemas = {
  name: z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, { error: 'validation.required' })
    .max(64, { error: 'validation.tooLong' }),
  appId: z
    .string({ error: 'validation.required' })
    .trim()
    .regex(/^wx[0-9a-fA-F]{16}$/, { error: 'validation.appId' }),
  appSecret: z
    .string({ error: 'validation.required' })
    .trim()
    .regex(/^[0-9A-Za-z]{32}$/, { error: 'validation.appSecret' }),
  token: z
    .string({ error: 'validation.required' })
    .regex(/^[A-Za-z0-9]{3,32}$/, { error: 'validation.token' }),
  encodingAESKey: z
    .string({ error: 'validation.required' })
    .regex(/^[A-Za-z0-9]{43}$/, { error: 'validation.encodingAESKey' }),
  mode: z.enum(MESSAGE_MODES, { error: 'validation.mode' }),
  callbackSlug: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'validation.callbackSlug' }),
};

const f = accountFieldSchemas;

const createShape = {
  name: f.name,
  appId: f.appId,
  appSecret: f.appSecret,
  token: f.token,
  /** Optional in plain mode (the mp form still asks for one); required for compatible and safe. */
  encodingAESKey: f.encodingAESKey.optional(),
  mode: f.mode,
  callbackSlug: f.callbackSlug.optional(),
  /** API client settings (docs/wechat-protocol.md §5, §12); defaults: official host, stable_token. */
  apiBase: apiF.apiBase.optional(),
  apiBackupBase: apiF.apiBackupBase.optional(),
  tokenSource: apiF.tokenSource.optional(),
  tokenBorrowUrl: apiF.tokenBorrowUrl.optional(),
  allowPlainHttpLoopback: apiF.allowPlainHttpLoopback.optional(),
};

export const accountCreateSchema = z.strictObject(createShape).superRefine((v, ctx) => {
  if (v.mode !== 'plain' && !v.encodingAESKey) {
    ctx.addIssue({ code: 'custom', path: ['encodingAESKey'], message: 'validation.aesKeyRequiredForMode' });
  }
  refinePlainHttp(v, ctx);
});
export type AccountCreateInput = z.output<typeof accountCreateSchema>;

/**
 * An update names only what changes. A secret given here replaces the stored one; omitted keeps it.
 * Changing where the AppSecret goes (apiBase, apiBackupBase, tokenSource) needs `appSecret` in the
 * same call (services/accounts-service.ts): a stolen console session cannot send the stored one
 * elsewhere.
 */
export const accountUpdateSchema = z
  .strictObject({
    id: byId.shape.id,
    name: f.name.optional(),
    appId: f.appId.optional(),
    appSecret: f.appSecret.optional(),
    token: f.token.optional(),
    encodingAESKey: f.encodingAESKey.optional(),
    mode: f.mode.optional(),
    callbackSlug: f.callbackSlug.optional(),
    /** null clears back to the default. */
    apiBase: apiF.apiBase.nullable().optional(),
    apiBackupBase: apiF.apiBackupBase.nullable().optional(),
    tokenSource: apiF.tokenSource.optional(),
    tokenBorrowUrl: apiF.tokenBorrowUrl.nullable().optional(),
    allowPlainHttpLoopback: apiF.allowPlainHttpLoopback.optional(),
  })
  .superRefine(refinePlainHttp);
export type AccountUpdateInput = z.output<typeof accountUpdateSchema>;

export interface AccountDto {
  id: string;
  name: string;
  appId: string;
  mode: MessageMode;
  callbackSlug: string;
  /** The path WeChat must call on the callback listener, e.g. `/wx/abc123`. */
  callbackPath: string;
  appSecret: SecretState;
  token: SecretState;
  encodingAESKey: SecretState;
  /** The built-in sandbox account (its platform is local, not WeChat). */
  isSandbox: boolean;
  /** Where its API calls go: an https origin, or `sandbox` (the built-in platform). Absent: api.weixin.qq.com. */
  apiBase?: string;
  apiBackupBase?: string;
  /** Where its access_token comes from (see areas/tokens.ts). */
  tokenSource?: TokenSource;
  tokenBorrowUrl?: string;
  createdAt: number;
  updatedAt: number;
}

export const accountsMethods = {
  'accounts.list': defineMethod<AccountDto[]>()(noInput),
  'accounts.get': defineMethod<AccountDto>()(byId),
  'accounts.create': defineMethod<AccountDto>()(accountCreateSchema),
  'accounts.update': defineMethod<AccountDto>()(accountUpdateSchema),
  'accounts.delete': defineMethod<{ id: string }>()(byId),
};

export interface AccountsEvents {
  'accounts.changed': { accounts: AccountDto[] };
}
