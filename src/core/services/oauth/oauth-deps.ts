import type Database from 'better-sqlite3';
import type { OauthUserInfoDto } from '../../../shared/api/areas/oauth';
import type { AccountPublicUrls } from '../../../shared/api/areas/tunnel';
import type { SnsToken } from '../../api/types';
import type { WechatClient } from '../../api/wechat-client';
import type { EventBus } from '../../event-bus';
import type { Runtime } from '../../runtime';
import type { SecretCipher } from '../../secrets/secret-cipher';
import type { CallbackRecorder } from '../../server/callback-recorder';
import type { AccountsService } from '../accounts-service';
import type { GatewayShared } from '../oauth-gateway';

/** §8.2 double-callback pitfall: the first result of a code is replayed for a repeated callback this long. */
export const REPLAY_WINDOW_MS = 5 * 60_000;

export type SnsClient = Pick<WechatClient, 'snsAccessToken' | 'snsRefreshToken' | 'snsUserInfo' | 'snsAuth'>;

/** OAuth on behalf of an account by a third-party platform it authorized (docs/wechat-protocol.md §11.6). */
export interface ComponentSnsPort {
  /** The platform's component_appid when `appId` authorized it, else null. */
  componentAppId(platformId: string, appId: string): string | null;
  /** `/sns/oauth2/component/access_token` with the platform's component_access_token. */
  exchange(platformId: string, accountId: string, code: string): Promise<SnsToken>;
  /** `/sns/oauth2/component/refresh_token`. */
  refresh(platformId: string, accountId: string, refreshToken: string): Promise<SnsToken>;
}

/**
 * Where fans' profiles go (snsapi_userinfo). Today the OAuth sessions are that store (a session
 * with userinfo is a known profile); the fans table of issue 21 takes this port at merge.
 */
export interface FanProfilePort {
  /** MPDesk has a profile (nickname, avatar) of this fan. */
  known(accountId: string, openid: string): boolean;
  /** A sign-in or a userinfo call brought this profile. */
  onProfile(accountId: string, profile: OauthUserInfoDto): void;
}

/** What web OAuth (docs/wechat-protocol.md §8) needs from the rest of core. */
export interface OauthDeps {
  db: Database.Database;
  events: EventBus;
  rt: Runtime;
  cipher: SecretCipher;
  accounts: AccountsService;
  client: () => SnsClient;
  /** The local sandbox platform's base URL, when it runs. */
  sandboxUrl: () => string | null;
  /** Tells the sandbox platform an account's 网页授权域名 (it checks redirect URIs as WeChat does). */
  sandboxOauthDomain?: (appId: string, domain: string | null) => void;
  /** The callback listener's base URL, when it listens. */
  listenerUrl: () => string | null;
  /** The public base URL (tunnel / external URL), when one is online. */
  publicUrl: () => string | null;
  /** The account's URLs on the public base (tunnel / external URL), when one is online. */
  publicUrls: (accountId: string) => AccountPublicUrls | null;
  /** MP_verify file names MPDesk serves for the account. */
  verifyFiles: (accountId: string) => string[];
  /** The callback log (every callback request is a row of it, docs/architecture.md §3). */
  recorder: CallbackRecorder;
  /** The gateway's configuration, keys and tickets (services/oauth-gateway). */
  gateway: GatewayShared;
  component?: () => ComponentSnsPort | null;
  /** Where profiles go; without one the sessions are the store. */
  profiles?: FanProfilePort;
}
