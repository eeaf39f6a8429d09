import { z } from 'zod';
import { defineMethod } from '../define';
import { accountFieldSchemas } from './accounts';
import { idSchema, noInput, type SecretState } from './common';
import { accountApiFieldSchemas, refinePlainHttp } from './tokens';

/**
 * Third-party platforms (开放平台 component, docs/wechat-protocol.md §11): the platforms configured in
 * MPDesk, their callback URLs, the verify ticket and component token status, authorization links
 * and the authorized accounts. Secrets (AppSecret, Token, EncodingAESKey, the ticket and every
 * token) are write-only or never leave core: DTOs carry only whether they are set and when.
 */
const f = accountFieldSchemas;

export const componentConfigureSchema = z
  .strictObject({
    /** Omitted: a new platform. */
    id: idSchema.optional(),
    name: f.name,
    componentAppId: f.appId,
    /** Write-only; required for a new platform, omitted keeps the stored one. */
    appSecret: f.appSecret.optional(),
    token: f.token.optional(),
    encodingAESKey: f.encodingAESKey.optional(),
    /** `sandbox` (the built-in platform) or the API host; default the official host. */
    apiBase: accountApiFieldSchemas.apiBase.optional(),
    allowPlainHttpLoopback: accountApiFieldSchemas.allowPlainHttpLoopback.optional(),
  })
  .superRefine(refinePlainHttp);
export type ComponentConfigureInput = z.output<typeof componentConfigureSchema>;

/** §11.5 auth_type: 1 Official Accounts only, 2 Mini Programs only, 3 both. */
export const COMPONENT_AUTH_TYPES = [1, 2, 3] as const;

export const componentAuthUrlSchema = z.strictObject({
  id: idSchema,
  /** `pc`: componentloginpage (scan a QR code); `mobile`: bindcomponent inside WeChat. */
  kind: z.enum(['pc', 'mobile'], { error: 'validation.enum' }),
  authType: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'validation.enum' }).optional(),
  /** §11.5: restricts the page to one account (wins over auth_type). */
  bizAppid: f.appId.optional(),
  /** Must be under 授权发起页域名; encoded fully in the link. Omitted: MPDesk's own landing page. */
  redirectUri: z
    .string({ error: 'validation.required' })
    .trim()
    .max(1024, { error: 'validation.tooLong' })
    .regex(/^https?:\/\/[^\s/?#]+[^\s#]*$/i, { error: 'validation.url' })
    .optional(),
});
export type ComponentAuthUrlInput = z.output<typeof componentAuthUrlSchema>;

export interface ComponentUrlsDto {
  /** 授权事件接收URL. */
  events: string;
  /** 消息与事件接收URL, with WeChat's literal `$APPID$` placeholder (§11.1). */
  messages: string;
  /** MPDesk's landing page for the §11.5 redirect: it exchanges `auth_code` (api_query_auth). */
  authorized: string;
}

export interface ComponentTokenStateDto {
  hasToken: boolean;
  fetchedAt: number | null;
  expiresAt: number | null;
  lastError: { message: string; errcode: number | null; at: number } | null;
}

export interface ComponentAuthorizerDto {
  appid: string;
  /** §11.3 InfoType of the last push (or `api` when stored from an auth_code exchange). */
  lastEvent: string;
  authorizedAt: number;
  updatedAt: number;
  /** AuthorizationCodeExpiredTime of the last push (ms), if any. */
  authCodeExpiresAt: number | null;
  /** funcscope_category ids (§11.4 func_info). */
  funcInfo: number[];
  refreshTokenSet: boolean;
  token: ComponentTokenStateDto;
}

export interface ComponentPlatformDto {
  id: string;
  name: string;
  componentAppId: string;
  apiBase: string;
  isSandbox: boolean;
  appSecret: SecretState;
  token: SecretState;
  encodingAESKey: SecretState;
  urls: { local: ComponentUrlsDto | null; public: ComponentUrlsDto | null };
  /** The latest component_verify_ticket: when it came (never the ticket itself). */
  ticket: { receivedAt: number; createTime: number | null; expiresAt: number } | null;
  componentToken: ComponentTokenStateDto;
  authorizers: ComponentAuthorizerDto[];
  createdAt: number;
  updatedAt: number;
}

export interface ComponentAuthUrlDto {
  url: string;
  redirectUri: string;
  preAuthCodeExpiresAt: number;
  /** Sandbox platforms: the same page on the local sandbox (it confirms at once for biz_appid). */
  sandboxUrl: string | null;
}

const byId = z.strictObject({ id: idSchema });

export const componentMethods = {
  'component.list': defineMethod<ComponentPlatformDto[]>()(noInput),
  'component.configure': defineMethod<ComponentPlatformDto>()(componentConfigureSchema),
  'component.delete': defineMethod<{ id: string }>()(byId),
  /** Drops the cached component_access_token and fetches one with the stored ticket. */
  'component.refreshToken': defineMethod<ComponentPlatformDto>()(byId),
  /** Creates a pre_auth_code and builds the §11.5 authorization page link. */
  'component.buildAuthUrl': defineMethod<ComponentAuthUrlDto>()(componentAuthUrlSchema),
  /** §11.4 api_authorizer_token now (it also runs by itself ahead of expiry). */
  'component.refreshAuthorizer': defineMethod<ComponentPlatformDto>()(
    z.strictObject({ id: idSchema, authorizerAppid: f.appId }),
  ),
  /** Sandbox platforms only: the sandbox pushes a fresh ticket to the events URL, as WeChat does every 10 min. */
  'component.pushTicket': defineMethod<ComponentPlatformDto>()(byId),
};

export interface ComponentEvents {
  /** A platform changed (ticket, tokens, authorizers, settings) or was deleted (`platform` null). */
  'component.changed': { id: string; platform: ComponentPlatformDto | null };
}
