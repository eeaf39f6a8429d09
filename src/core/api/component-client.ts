import { callJson } from './json-call';
import type { WechatTransport } from './transport';
import type {
  SnsToken,
  AuthorizerInfoResult,
  AuthorizerTokenResult,
  ComponentTokenResult,
  PreAuthCodeResult,
  QueryAuthResult,
} from './types';

/** A third-party platform (开放平台 component) and where its API lives. */
export interface ComponentTarget {
  componentAppid: string;
  hosts: string[];
  /** For the API log: the account the call is made for, if any. */
  accountId?: string | null;
}

/**
 * The component endpoints of §11.4: all `POST` JSON under `/cgi-bin/component/`. The platform token
 * goes in `?component_access_token=` as the SDKs do. Caching the component token and the authorizer
 * refresh tokens is the caller's job (the component service), as is persisting them.
 */
export class ComponentClient {
  constructor(
    private readonly transport: WechatTransport,
    private readonly busyDelaysMs?: readonly number[],
  ) {}

  componentToken(
    c: ComponentTarget,
    componentAppsecret: string,
    verifyTicket: string,
  ): Promise<ComponentTokenResult> {
    return this.post(c, 'api_component_token', undefined, {
      component_appid: c.componentAppid,
      component_appsecret: componentAppsecret,
      component_verify_ticket: verifyTicket,
    });
  }
  preAuthCode(c: ComponentTarget, componentToken: string): Promise<PreAuthCodeResult> {
    return this.post(c, 'api_create_preauthcode', componentToken, { component_appid: c.componentAppid });
  }
  queryAuth(c: ComponentTarget, componentToken: string, authorizationCode: string): Promise<QueryAuthResult> {
    return this.post(c, 'api_query_auth', componentToken, {
      component_appid: c.componentAppid,
      authorization_code: authorizationCode,
    });
  }
  authorizerToken(
    c: ComponentTarget,
    componentToken: string,
    authorizerAppid: string,
    authorizerRefreshToken: string,
  ): Promise<AuthorizerTokenResult> {
    return this.post(c, 'api_authorizer_token', componentToken, {
      component_appid: c.componentAppid,
      authorizer_appid: authorizerAppid,
      authorizer_refresh_token: authorizerRefreshToken,
    });
  }
  authorizerInfo(
    c: ComponentTarget,
    componentToken: string,
    authorizerAppid: string,
  ): Promise<AuthorizerInfoResult> {
    return this.post(c, 'api_get_authorizer_info', componentToken, {
      component_appid: c.componentAppid,
      authorizer_appid: authorizerAppid,
    });
  }

  /** §11.6: web OAuth on behalf of an authorizer, the code exchanged with the component token. */
  snsAccessToken(c: ComponentTarget, componentToken: string, appid: string, code: string): Promise<SnsToken> {
    return this.get(c, '/sns/oauth2/component/access_token', {
      appid,
      code,
      grant_type: 'authorization_code',
      component_appid: c.componentAppid,
      component_access_token: componentToken,
    });
  }
  snsRefreshToken(
    c: ComponentTarget,
    componentToken: string,
    appid: string,
    refreshToken: string,
  ): Promise<SnsToken> {
    return this.get(c, '/sns/oauth2/component/refresh_token', {
      appid,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      component_appid: c.componentAppid,
      component_access_token: componentToken,
    });
  }

  private get<T>(c: ComponentTarget, path: string, query: Record<string, string>): Promise<T> {
    return callJson<T>(
      this.transport,
      { accountId: c.accountId ?? null, hosts: c.hosts, method: 'GET', path, query, origin: 'client' },
      this.busyDelaysMs,
    );
  }

  private post<T>(
    c: ComponentTarget,
    api: string,
    token: string | undefined,
    body: Record<string, string>,
  ): Promise<T> {
    return callJson<T>(
      this.transport,
      {
        accountId: c.accountId ?? null,
        hosts: c.hosts,
        method: 'POST',
        path: `/cgi-bin/component/${api}`,
        query: token ? { component_access_token: token } : undefined,
        body,
        origin: 'client',
      },
      this.busyDelaysMs,
    );
  }
}
