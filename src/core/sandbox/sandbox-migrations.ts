import type { Migration } from '../store/migration';

/** The sandbox platform's own schema (its own file, sandbox.sqlite); append only, like the main one. */
export const SANDBOX_MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'sandbox platform: apps, tokens, menus, fans, oauth, customer service, quotas, component',
    sql: `
      CREATE TABLE apps (
        appid TEXT PRIMARY KEY,
        secret TEXT NOT NULL,
        name TEXT NOT NULL,
        ip_whitelist TEXT NOT NULL DEFAULT '[]',
        created_at INTEGER NOT NULL
      );
      -- kind: token (cgi-bin/token), stable, component, authorizer. revoked_at: superseded; still valid
      -- until revoked_at + overlap for kind token (§5.1), immediately for a forced stable token (§5.2).
      CREATE TABLE tokens (
        token TEXT PRIMARY KEY,
        appid TEXT NOT NULL,
        kind TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX tokens_by_app ON tokens (appid, kind, issued_at);
      CREATE TABLE menus (appid TEXT PRIMARY KEY, json TEXT NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE fans (
        appid TEXT NOT NULL,
        seq INTEGER NOT NULL,
        openid TEXT NOT NULL,
        nickname TEXT NOT NULL,
        subscribe INTEGER NOT NULL DEFAULT 1,
        subscribe_time INTEGER NOT NULL,
        language TEXT NOT NULL,
        remark TEXT NOT NULL DEFAULT '',
        tagid_list TEXT NOT NULL DEFAULT '[]',
        subscribe_scene TEXT NOT NULL,
        unionid TEXT,
        last_msg_at INTEGER,
        window_sent INTEGER NOT NULL DEFAULT 0,
        typing_until INTEGER,
        PRIMARY KEY (appid, openid)
      );
      CREATE UNIQUE INDEX fans_by_seq ON fans (appid, seq);
      CREATE TABLE oauth_codes (
        code TEXT PRIMARY KEY, appid TEXT NOT NULL, openid TEXT NOT NULL, scope TEXT NOT NULL,
        created_at INTEGER NOT NULL, used_at INTEGER
      );
      CREATE TABLE sns_tokens (
        access_token TEXT PRIMARY KEY, refresh_token TEXT NOT NULL UNIQUE, appid TEXT NOT NULL,
        openid TEXT NOT NULL, scope TEXT NOT NULL, expires_at INTEGER NOT NULL, refresh_expires_at INTEGER NOT NULL
      );
      CREATE TABLE quota_usage (appid TEXT NOT NULL, api TEXT NOT NULL, day TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (appid, api, day));
      CREATE TABLE quota_limits (appid TEXT NOT NULL, api TEXT NOT NULL, lim INTEGER NOT NULL, PRIMARY KEY (appid, api));
      CREATE TABLE cs_messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT, appid TEXT NOT NULL, openid TEXT NOT NULL, msgtype TEXT NOT NULL,
        body TEXT NOT NULL, at INTEGER NOT NULL
      );
      CREATE TABLE components (
        component_appid TEXT PRIMARY KEY, secret TEXT NOT NULL, verify_ticket TEXT, ticket_at INTEGER
      );
      -- kind: pre_auth (api_create_preauthcode) or auth (authorization_code for api_query_auth).
      CREATE TABLE component_codes (
        code TEXT PRIMARY KEY, kind TEXT NOT NULL, component_appid TEXT NOT NULL, authorizer_appid TEXT,
        expires_at INTEGER NOT NULL, used_at INTEGER
      );
      CREATE TABLE component_auths (
        component_appid TEXT NOT NULL, authorizer_appid TEXT NOT NULL, refresh_token TEXT NOT NULL,
        authorized_at INTEGER NOT NULL, PRIMARY KEY (component_appid, authorizer_appid)
      );
    `,
  },
  {
    id: 2,
    name: 'covering index for user/get pages',
    // user/get reads 10 000 openids in seq order among subscribed fans: answer it from the index alone.
    sql: `CREATE INDEX fans_page ON fans (appid, subscribe, seq, openid);`,
  },
  {
    id: 3,
    name: 'web oauth: the app 网页授权域名, codes and web tokens of a third-party platform',
    // §8.1: the authorize page checks redirect_uri against the domain (10003); §11.6: a platform's
    // codes are exchanged only through /sns/oauth2/component/*.
    sql: `
      ALTER TABLE apps ADD COLUMN oauth_domain TEXT;
      ALTER TABLE oauth_codes ADD COLUMN component_appid TEXT;
      ALTER TABLE sns_tokens ADD COLUMN component_appid TEXT;
    `,
  },
  {
    id: 4,
    name: 'tags, blacklist, the one-minute window of clicks, follows and scans',
    // §9 tags live in `tags` (ids from 100; 0, 1 and 2 are the system's); membership stays in
    // fans.tagid_list, which user/info answers. §10.1: last_action_at opens the one-minute grant;
    // customer-service sends are counted from cs_messages per fan, after the cs_messages id each
    // interaction saw (msg_cs_pos, action_cs_pos), so a send in the same millisecond is told apart.
    sql: `
      CREATE TABLE tags (appid TEXT NOT NULL, id INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (appid, id));
      ALTER TABLE fans ADD COLUMN msg_cs_pos INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE fans ADD COLUMN last_action_at INTEGER;
      ALTER TABLE fans ADD COLUMN action_cs_pos INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE fans ADD COLUMN blacklisted INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX fans_blacklist ON fans (appid, seq) WHERE blacklisted = 1;
      CREATE INDEX cs_messages_fan ON cs_messages (appid, openid, at);
    `,
  },
];
