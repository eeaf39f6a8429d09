import type Database from 'better-sqlite3';
import type { AccountPublicUrls } from '../../../shared/api/areas/tunnel';
import type { WechatClient } from '../../api/wechat-client';
import type { EventBus } from '../../event-bus';
import type { Runtime } from '../../runtime';
import type { SecretCipher } from '../../secrets/secret-cipher';
import type { AccountsService } from '../accounts-service';

/** §8.2 double-callback pitfall: the first result is replayed for a repeated callback this long. */
export const REPLAY_WINDOW_MS = 5 * 60_000;

export type SnsClient = Pick<WechatClient, 'snsAccessToken' | 'snsRefreshToken' | 'snsUserInfo' | 'snsAuth'>;

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
  /** The callback listener's base URL, when it listens. */
  listenerUrl: () => string | null;
  /** The account's URLs on the public base (tunnel / external URL), when one is online. */
  publicUrls: (accountId: string) => AccountPublicUrls | null;
  /** MP_verify file names MPDesk serves for the account. */
  verifyFiles: (accountId: string) => string[];
}
