import type { ApiRequestInput, ApiRequestResult } from '../../shared/api/areas/api';
import { AppError } from '../../shared/errors';
import type { CustomMessageBody } from '../wechat';
import { explainErrcode, TOKEN_INVALID_CODES } from './errcodes';
import { callJson } from './json-call';
import { maskJson } from './mask';
import type { TokenManager } from './token-manager';
import type { ApiAnswer, ApiCall, WechatTransport } from './transport';
import type {
  AutoreplyInfo,
  CallbackIpResult,
  ErrResult,
  Lang,
  Menu,
  MenuGetResult,
  SelfMenuInfo,
  SnsToken,
  SnsUserInfo,
  BlacklistPage,
  TagCreateResult,
  TagsResult,
  TypingCommand,
  UserBatchResult,
  UserInfo,
  UserListPage,
} from './types';
import { WechatApiError } from './wechat-error';

/** An account as the client sees it: who it is and where its API lives. */
export interface ApiAccountTarget {
  accountId: string;
  appId: string;
  appSecret?: string;
  hosts: string[];
}

export interface WechatClientDeps {
  transport: WechatTransport;
  tokens: TokenManager;
  target: (accountId: string) => ApiAccountTarget;
  busyDelaysMs?: readonly number[];
}

/** §9: batchget takes at most 100 openids; tag members 50 a batch, the blacklist 20. */
export const BATCHGET_MAX = 100;
export const TAG_BATCH_MAX = 50;
export const BLACKLIST_BATCH_MAX = 20;

/** Typed calls to the account-level WeChat endpoints (§7-§10, §12), tokens filled in by the TokenManager. */
export class WechatClient {
  constructor(private readonly deps: WechatClientDeps) {}

  // §7 menu
  menuCreate(accountId: string, menu: Menu): Promise<ErrResult> {
    return this.withToken(accountId, 'POST', '/cgi-bin/menu/create', { body: menu });
  }
  menuGet(accountId: string): Promise<MenuGetResult> {
    return this.withToken(accountId, 'GET', '/cgi-bin/menu/get');
  }
  menuDelete(accountId: string): Promise<ErrResult> {
    return this.withToken(accountId, 'GET', '/cgi-bin/menu/delete');
  }
  currentSelfMenu(accountId: string): Promise<SelfMenuInfo> {
    return this.withToken(accountId, 'GET', '/cgi-bin/get_current_selfmenu_info');
  }

  // §9 users
  /** One page of followers (≤ 10 000); omit `nextOpenid` for the first. */
  userList(accountId: string, nextOpenid?: string): Promise<UserListPage> {
    return this.withToken(accountId, 'GET', '/cgi-bin/user/get', {
      query: { next_openid: nextOpenid || undefined },
    });
  }
  /** Every follower's openid, page by page, stopping as §9's pagination quirk requires. */
  async *followers(accountId: string): AsyncGenerator<string[]> {
    let next: string | undefined;
    for (;;) {
      const page = await this.userList(accountId, next);
      // `next_openid` comes back even on the last page; count 0 / no data ends the list.
      if (!page.count || !page.data?.openid?.length) return;
      yield page.data.openid;
      if (!page.next_openid) return;
      next = page.next_openid;
    }
  }
  userInfo(accountId: string, openid: string, lang: Lang = 'zh_CN'): Promise<UserInfo> {
    return this.withToken(accountId, 'GET', '/cgi-bin/user/info', { query: { openid, lang } });
  }
  async userBatchGet(accountId: string, openids: string[], lang: Lang = 'zh_CN'): Promise<UserBatchResult> {
    checkBatch('user/info/batchget', openids, BATCHGET_MAX);
    return this.withToken(accountId, 'POST', '/cgi-bin/user/info/batchget', {
      body: { user_list: openids.map((openid) => ({ openid, lang })) },
    });
  }
  userRemark(accountId: string, openid: string, remark: string): Promise<ErrResult> {
    return this.withToken(accountId, 'POST', '/cgi-bin/user/info/updateremark', { body: { openid, remark } });
  }
  tagsGet(accountId: string): Promise<TagsResult> {
    return this.withToken(accountId, 'GET', '/cgi-bin/tags/get');
  }
  tagsCreate(accountId: string, name: string): Promise<TagCreateResult> {
    return this.withToken(accountId, 'POST', '/cgi-bin/tags/create', { body: { tag: { name } } });
  }
  tagsUpdate(accountId: string, id: number, name: string): Promise<ErrResult> {
    return this.withToken(accountId, 'POST', '/cgi-bin/tags/update', { body: { tag: { id, name } } });
  }
  tagsDelete(accountId: string, id: number): Promise<ErrResult> {
    return this.withToken(accountId, 'POST', '/cgi-bin/tags/delete', { body: { tag: { id } } });
  }
  /** members/batchtagging or batchuntagging: at most 50 openids. */
  tagMembers(accountId: string, tagid: number, openids: string[], tagged: boolean): Promise<ErrResult> {
    checkBatch('tag members', openids, TAG_BATCH_MAX);
    const path = tagged ? '/cgi-bin/tags/members/batchtagging' : '/cgi-bin/tags/members/batchuntagging';
    return this.withToken(accountId, 'POST', path, { body: { openid_list: openids, tagid } });
  }
  /** One page of the blacklist (≤ 10 000); `begin` '' for the first. */
  blacklistPage(accountId: string, begin = ''): Promise<BlacklistPage> {
    return this.withToken(accountId, 'POST', '/cgi-bin/tags/members/getblacklist', {
      body: { begin_openid: begin },
    });
  }
  /** members/batchblacklist or batchunblacklist: at most 20 openids. */
  blacklistMembers(accountId: string, openids: string[], blacklisted: boolean): Promise<ErrResult> {
    checkBatch('blacklist', openids, BLACKLIST_BATCH_MAX);
    const path = blacklisted
      ? '/cgi-bin/tags/members/batchblacklist'
      : '/cgi-bin/tags/members/batchunblacklist';
    return this.withToken(accountId, 'POST', path, { body: { openid_list: openids } });
  }

  // §10 customer service
  customSend(accountId: string, body: CustomMessageBody): Promise<ErrResult> {
    return this.withToken(accountId, 'POST', '/cgi-bin/message/custom/send', { body });
  }
  customTyping(accountId: string, touser: string, command: TypingCommand): Promise<ErrResult> {
    return this.withToken(accountId, 'POST', '/cgi-bin/message/custom/typing', { body: { touser, command } });
  }

  // §8 web OAuth: no global token; the web token is the user's.
  snsAccessToken(accountId: string, code: string): Promise<SnsToken> {
    const t = this.target(accountId);
    return this.plain(t, 'GET', '/sns/oauth2/access_token', {
      appid: t.appId,
      secret: this.secretOf(t),
      code,
      grant_type: 'authorization_code',
    });
  }
  snsRefreshToken(accountId: string, refreshToken: string): Promise<SnsToken> {
    const t = this.target(accountId);
    return this.plain(t, 'GET', '/sns/oauth2/refresh_token', {
      appid: t.appId,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
  }
  snsUserInfo(
    accountId: string,
    webToken: string,
    openid: string,
    lang: Lang = 'zh_CN',
  ): Promise<SnsUserInfo> {
    return this.plain(this.target(accountId), 'GET', '/sns/userinfo', {
      access_token: webToken,
      openid,
      lang,
    });
  }
  snsAuth(accountId: string, webToken: string, openid: string): Promise<ErrResult> {
    return this.plain(this.target(accountId), 'GET', '/sns/auth', { access_token: webToken, openid });
  }

  // misc
  currentAutoreply(accountId: string): Promise<AutoreplyInfo> {
    return this.withToken(accountId, 'GET', '/cgi-bin/get_current_autoreply_info');
  }
  callbackIps(accountId: string): Promise<CallbackIpResult> {
    return this.withToken(accountId, 'GET', '/cgi-bin/getcallbackip');
  }

  /** The 接口调试 console: any path, the token filled in, the answer shown (masked) with its explanation. */
  async raw(input: ApiRequestInput): Promise<ApiRequestResult> {
    const t = this.target(input.accountId);
    let last: ApiAnswer | undefined;
    const send = async (token?: string) => {
      const query = { ...input.query, ...(token ? { access_token: token } : {}) };
      last = await this.deps.transport.send({
        accountId: t.accountId,
        hosts: t.hosts,
        method: input.method,
        path: input.path,
        query,
        body: input.method === 'POST' ? (input.body ?? {}) : undefined,
        origin: 'console',
      });
      const errcode = errcodeOf(last.json);
      // Let the token manager's 40001/40014/42001 policy see token errors; everything else is shown as is.
      if (token && errcode !== null && TOKEN_INVALID_CODES.has(errcode)) {
        throw new WechatApiError(errcode, errmsgOf(last.json) ?? '', input.path);
      }
      return last;
    };
    try {
      await (input.withToken ? this.deps.tokens.withToken(t.accountId, send) : send());
    } catch (e) {
      if (!(e instanceof WechatApiError) || !last) throw e;
    }
    const a = last!;
    const errcode = errcodeOf(a.json);
    return {
      status: a.status,
      latencyMs: a.latencyMs,
      host: a.host,
      response: a.json === undefined ? a.text : maskJson(a.json),
      errcode,
      errmsg: errmsgOf(a.json),
      explanation: errcode ? explainErrcode(errcode) : null,
      logId: a.logId,
    };
  }

  private target(accountId: string): ApiAccountTarget {
    return this.deps.target(accountId);
  }

  private secretOf(t: ApiAccountTarget): string {
    if (!t.appSecret) throw new AppError('invalid_input', 'This account has no AppSecret');
    return t.appSecret;
  }

  private plain<T>(
    t: ApiAccountTarget,
    method: ApiCall['method'],
    path: string,
    query: Record<string, string>,
  ): Promise<T> {
    return callJson<T>(
      this.deps.transport,
      { accountId: t.accountId, hosts: t.hosts, method, path, query, origin: 'client' },
      this.deps.busyDelaysMs,
    );
  }

  private withToken<T>(
    accountId: string,
    method: ApiCall['method'],
    path: string,
    opts: { query?: Record<string, string | undefined>; body?: unknown } = {},
  ): Promise<T> {
    const t = this.target(accountId);
    return this.deps.tokens.withToken(accountId, (token) =>
      callJson<T>(
        this.deps.transport,
        {
          accountId,
          hosts: t.hosts,
          method,
          path,
          query: { ...opts.query, access_token: token },
          body: opts.body,
          origin: 'client',
        },
        this.deps.busyDelaysMs,
      ),
    );
  }
}

function checkBatch(what: string, openids: readonly string[], max: number): void {
  if (openids.length === 0 || openids.length > max) {
    throw new AppError('invalid_input', `${what} takes 1-${max} openids, got ${openids.length}`);
  }
}

function errcodeOf(json: unknown): number | null {
  const c = (json as { errcode?: unknown } | undefined)?.errcode;
  return typeof c === 'number' ? c : null;
}
function errmsgOf(json: unknown): string | null {
  const m = (json as { errmsg?: unknown } | undefined)?.errmsg;
  return typeof m === 'string' ? m : null;
}
