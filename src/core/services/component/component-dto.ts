import type {
  ComponentAuthorizerDto,
  ComponentPlatformDto,
  ComponentTokenStateDto,
  ComponentUrlsDto,
} from '../../../shared/api/areas/component';
import { SANDBOX_API_BASE } from '../../../shared/api/areas/tokens';
import type { SecretStore } from '../../secrets/secret-store';
import type { AuthorizerRow, PlatformRow } from './component-repo';
import { authName, secName, TICKET_TTL_MS, type Sec } from './component-secrets';

interface DtoContext {
  secrets: SecretStore;
  now: number;
  authorizers: AuthorizerRow[];
  localBase: string | null;
  publicBase: string | null;
}

/** The callback URLs on a base: 授权事件接收URL and 消息与事件接收URL with WeChat's `$APPID$` (§11.1). */
export function componentUrls(base: string | null, id: string): ComponentUrlsDto | null {
  if (!base) return null;
  const b = base.replace(/\/+$/, '');
  return {
    events: `${b}/component/${id}/events`,
    messages: `${b}/component/${id}/$APPID$/messages`,
    authorized: `${b}/component/${id}/authorized`,
  };
}

/** A platform as the UI sees it: whether secrets are set and when things happened, never their values. */
export function platformDto(r: PlatformRow, c: DtoContext): ComponentPlatformDto {
  const has = (k: Sec) => ({ isSet: c.secrets.has(secName(r.id, k)) });
  return {
    id: r.id,
    name: r.name,
    componentAppId: r.componentAppId,
    apiBase: r.apiBase ?? 'https://api.weixin.qq.com',
    isSandbox: r.apiBase === SANDBOX_API_BASE,
    appSecret: has('appSecret'),
    token: has('token'),
    encodingAESKey: has('aesKey'),
    urls: { local: componentUrls(c.localBase, r.id), public: componentUrls(c.publicBase, r.id) },
    ticket:
      r.ticketAt === null
        ? null
        : { receivedAt: r.ticketAt, createTime: r.ticketCreateTime, expiresAt: r.ticketAt + TICKET_TTL_MS },
    componentToken: tokenState(
      c.secrets.has(secName(r.id, 'componentToken')),
      r.tokenFetchedAt,
      r.tokenExpiresAt,
      r.tokenError,
      c.now,
    ),
    authorizers: c.authorizers.map((a) => authorizerDto(a, c)),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

function authorizerDto(a: AuthorizerRow, c: DtoContext): ComponentAuthorizerDto {
  let funcInfo: number[];
  try {
    funcInfo = JSON.parse(a.funcInfo) as number[];
  } catch {
    funcInfo = [];
  }
  return {
    appid: a.appid,
    lastEvent: a.lastEvent,
    authorizedAt: a.authorizedAt,
    updatedAt: a.updatedAt,
    authCodeExpiresAt: a.authCodeExpiresAt,
    funcInfo,
    refreshTokenSet: c.secrets.has(authName(a.platformId, a.appid, 'refresh')),
    token: tokenState(
      c.secrets.has(authName(a.platformId, a.appid, 'access')),
      a.tokenFetchedAt,
      a.tokenExpiresAt,
      a.tokenError,
      c.now,
    ),
  };
}

function tokenState(
  stored: boolean,
  fetchedAt: number | null,
  expiresAt: number | null,
  error: string | null,
  now: number,
): ComponentTokenStateDto {
  let lastError: ComponentTokenStateDto['lastError'] = null;
  if (error) {
    try {
      lastError = JSON.parse(error) as ComponentTokenStateDto['lastError'];
    } catch {
      lastError = { message: error, errcode: null, at: now };
    }
  }
  return {
    hasToken: stored && expiresAt !== null && expiresAt > now,
    fetchedAt,
    expiresAt,
    lastError,
  };
}
