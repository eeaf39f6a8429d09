import type Database from 'better-sqlite3';

export interface OauthSessionRow {
  id: string;
  accountId: string;
  openid: string;
  unionid: string | null;
  scope: string;
  state: string;
  isSnapshotUser: number;
  userinfo: string | null;
  accessToken: Buffer;
  refreshToken: Buffer;
  accessTail: string;
  refreshTail: string;
  expiresAt: number;
  refreshExpiresAt: number;
  createdAt: number;
  updatedAt: number;
  refreshedAt: number | null;
  lastCheck: string | null;
  lastSeenAt: number | null;
  /** The third-party platform the session was made through (its refresh goes through it too). */
  componentId: string | null;
  /** When the seed flow last asked this fan for a profile (snsapi_userinfo): once is enough. */
  profileAskedAt: number | null;
}

export type NewSession = Omit<OauthSessionRow, 'refreshedAt' | 'lastCheck' | 'lastSeenAt' | 'profileAskedAt'>;

const SESSION_COLS = `id, account_id AS accountId, openid, unionid, scope, state, is_snapshot_user AS isSnapshotUser,
  userinfo, access_token AS accessToken, refresh_token AS refreshToken, access_tail AS accessTail,
  refresh_tail AS refreshTail, expires_at AS expiresAt, refresh_expires_at AS refreshExpiresAt,
  created_at AS createdAt, updated_at AS updatedAt, refreshed_at AS refreshedAt, last_check AS lastCheck,
  last_seen_at AS lastSeenAt, component_id AS componentId, profile_asked_at AS profileAskedAt`;

/** SQL for the stored web OAuth sessions (migrations 5, 25, 26): one row per fan and scope. */
export class OauthSessionRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      // One row per fan and scope (migration 25): a later sign-in refreshes it, keeping its id.
      upsert: db.prepare(
        `INSERT INTO oauth_sessions (id, account_id, openid, unionid, scope, state, is_snapshot_user, userinfo,
           access_token, refresh_token, access_tail, refresh_tail, expires_at, refresh_expires_at, created_at,
           updated_at, component_id)
         VALUES (@id, @accountId, @openid, @unionid, @scope, @state, @isSnapshotUser, @userinfo, @accessToken,
           @refreshToken, @accessTail, @refreshTail, @expiresAt, @refreshExpiresAt, @createdAt, @updatedAt, @componentId)
         ON CONFLICT(account_id, openid, scope) DO UPDATE SET unionid = COALESCE(excluded.unionid, unionid),
           state = excluded.state, is_snapshot_user = excluded.is_snapshot_user,
           userinfo = COALESCE(excluded.userinfo, userinfo), access_token = excluded.access_token,
           refresh_token = excluded.refresh_token, access_tail = excluded.access_tail,
           refresh_tail = excluded.refresh_tail, expires_at = excluded.expires_at,
           refresh_expires_at = excluded.refresh_expires_at, updated_at = excluded.updated_at,
           component_id = excluded.component_id, last_check = NULL`,
      ),
      ofFan: db.prepare(
        `SELECT ${SESSION_COLS} FROM oauth_sessions WHERE account_id = ? AND openid = ? AND scope = ?`,
      ),
      hasProfile: db.prepare(
        'SELECT 1 FROM oauth_sessions WHERE account_id = ? AND openid = ? AND userinfo IS NOT NULL LIMIT 1',
      ),
      get: db.prepare(`SELECT ${SESSION_COLS} FROM oauth_sessions WHERE id = ?`),
      all: db.prepare(
        `SELECT ${SESSION_COLS} FROM oauth_sessions ORDER BY updated_at DESC, rowid DESC LIMIT ?`,
      ),
      of: db.prepare(
        `SELECT ${SESSION_COLS} FROM oauth_sessions WHERE account_id = ? ORDER BY updated_at DESC, rowid DESC LIMIT ?`,
      ),
      // The scope stays: it is part of the row's key, and a refresh keeps what was granted.
      refreshed: db.prepare(
        `UPDATE oauth_sessions SET access_token = ?, access_tail = ?, refresh_token = ?, refresh_tail = ?, expires_at = ?,
           refreshed_at = ?, updated_at = ? WHERE id = ?`,
      ),
      userinfo: db.prepare(
        'UPDATE oauth_sessions SET userinfo = ?, unionid = COALESCE(?, unionid), updated_at = ? WHERE id = ?',
      ),
      check: db.prepare('UPDATE oauth_sessions SET last_check = ?, updated_at = ? WHERE id = ?'),
      seen: db.prepare('UPDATE oauth_sessions SET last_seen_at = ? WHERE id = ?'),
      asked: db.prepare('UPDATE oauth_sessions SET profile_asked_at = ? WHERE id = ?'),
      del: db.prepare('DELETE FROM oauth_sessions WHERE id = ?'),
    };
  }

  /** Stores a sign-in's session; the fan's row for that scope is refreshed if it exists. Returns its id. */
  upsert(r: NewSession): string {
    this.s.upsert.run(r);
    return (this.s.ofFan.get(r.accountId, r.openid, r.scope) as OauthSessionRow).id;
  }

  get(id: string): OauthSessionRow | undefined {
    return this.s.get.get(id) as OauthSessionRow | undefined;
  }

  /** Whether any sign-in of this fan brought a profile (snsapi_userinfo). */
  hasProfile(accountId: string, openid: string): boolean {
    return this.s.hasProfile.get(accountId, openid) !== undefined;
  }

  list(accountId: string | undefined, limit: number): OauthSessionRow[] {
    return (accountId ? this.s.of.all(accountId, limit) : this.s.all.all(limit)) as OauthSessionRow[];
  }

  refreshed(
    id: string,
    r: {
      accessToken: Buffer;
      accessTail: string;
      refreshToken: Buffer;
      refreshTail: string;
      expiresAt: number;
    },
    now: number,
  ): void {
    this.s.refreshed.run(
      r.accessToken,
      r.accessTail,
      r.refreshToken,
      r.refreshTail,
      r.expiresAt,
      now,
      now,
      id,
    );
  }

  setUserinfo(id: string, userinfo: string, unionid: string | null, now: number): void {
    this.s.userinfo.run(userinfo, unionid, now, id);
  }

  setCheck(id: string, check: string, now: number): void {
    this.s.check.run(check, now, id);
  }

  seen(id: string, now: number): void {
    this.s.seen.run(now, id);
  }

  profileAsked(id: string, now: number): void {
    this.s.asked.run(now, id);
  }

  delete(id: string): boolean {
    return this.s.del.run(id).changes === 1;
  }
}
