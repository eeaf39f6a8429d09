import type Database from 'better-sqlite3';

export interface OauthStateRow {
  accountId: string;
  state: string;
  scope: string;
  redirectUri: string;
  issuedAt: number;
  expiresAt: number;
  usedAt: number | null;
  codeHash: string | null;
  sessionId: string | null;
  /** JSON of the OauthCallbackResultDto first answered for this state (idempotent replays). */
  result: string | null;
}

/** One code the callback met (migration 25): the replay guard keys on it, never on the state alone. */
export interface OauthExchangeRow {
  accountId: string;
  codeHash: string;
  state: string;
  at: number;
  sessionId: string | null;
  /** JSON of the OauthCallbackResultDto answered for this code; null while the exchange runs. */
  result: string | null;
}

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
}

const STATE_COLS = `account_id AS accountId, state, scope, redirect_uri AS redirectUri, issued_at AS issuedAt,
  expires_at AS expiresAt, used_at AS usedAt, code_hash AS codeHash, session_id AS sessionId, result`;
const SESSION_COLS = `id, account_id AS accountId, openid, unionid, scope, state, is_snapshot_user AS isSnapshotUser,
  userinfo, access_token AS accessToken, refresh_token AS refreshToken, access_tail AS accessTail,
  refresh_tail AS refreshTail, expires_at AS expiresAt, refresh_expires_at AS refreshExpiresAt,
  created_at AS createdAt, updated_at AS updatedAt, refreshed_at AS refreshedAt, last_check AS lastCheck,
  last_seen_at AS lastSeenAt`;
const EXCHANGE_COLS = `account_id AS accountId, code_hash AS codeHash, state, at, session_id AS sessionId, result`;

/** SQL for migration 005's tables; statements prepared once (docs/architecture.md §5). */
export class OauthRepo {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      domain: db.prepare('SELECT oauth_domain AS d FROM oauth_config WHERE account_id = ?'),
      setDomain: db.prepare(
        `INSERT INTO oauth_config (account_id, oauth_domain, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(account_id) DO UPDATE SET oauth_domain = excluded.oauth_domain, updated_at = excluded.updated_at`,
      ),
      state: db.prepare(`SELECT ${STATE_COLS} FROM oauth_states WHERE account_id = ? AND state = ?`),
      issue: db.prepare(
        `INSERT INTO oauth_states (account_id, state, scope, redirect_uri, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(account_id, state) DO UPDATE SET scope = excluded.scope, redirect_uri = excluded.redirect_uri,
           issued_at = excluded.issued_at, expires_at = excluded.expires_at, used_at = NULL, code_hash = NULL,
           session_id = NULL, result = NULL`,
      ),
      use: db.prepare(
        'UPDATE oauth_states SET used_at = ?, code_hash = ? WHERE account_id = ? AND state = ? AND used_at IS NULL',
      ),
      finish: db.prepare(
        'UPDATE oauth_states SET session_id = ?, result = ? WHERE account_id = ? AND state = ?',
      ),
      stateElsewhere: db.prepare(
        'SELECT account_id AS accountId FROM oauth_states WHERE state = ? AND account_id <> ? LIMIT 1',
      ),
      exchange: db.prepare(
        `SELECT ${EXCHANGE_COLS} FROM oauth_exchanges WHERE account_id = ? AND code_hash = ?`,
      ),
      claimExchange: db.prepare(
        'INSERT OR IGNORE INTO oauth_exchanges (account_id, code_hash, state, at) VALUES (?, ?, ?, ?)',
      ),
      finishExchange: db.prepare(
        'UPDATE oauth_exchanges SET session_id = ?, result = ? WHERE account_id = ? AND code_hash = ?',
      ),
      purgeExchanges: db.prepare('DELETE FROM oauth_exchanges WHERE at < ?'),
      revoke: db.prepare('DELETE FROM oauth_states WHERE account_id = ? AND state = ? AND used_at IS NULL'),
      purgeStates: db.prepare(
        'DELETE FROM oauth_states WHERE expires_at < ? AND (used_at IS NULL OR used_at < ?)',
      ),
      // One row per fan and scope (migration 25): a later sign-in refreshes it, keeping its id.
      upsertSession: db.prepare(
        `INSERT INTO oauth_sessions (id, account_id, openid, unionid, scope, state, is_snapshot_user, userinfo,
           access_token, refresh_token, access_tail, refresh_tail, expires_at, refresh_expires_at, created_at, updated_at)
         VALUES (@id, @accountId, @openid, @unionid, @scope, @state, @isSnapshotUser, @userinfo, @accessToken,
           @refreshToken, @accessTail, @refreshTail, @expiresAt, @refreshExpiresAt, @createdAt, @updatedAt)
         ON CONFLICT(account_id, openid, scope) DO UPDATE SET unionid = COALESCE(excluded.unionid, unionid),
           state = excluded.state, is_snapshot_user = excluded.is_snapshot_user,
           userinfo = COALESCE(excluded.userinfo, userinfo), access_token = excluded.access_token,
           refresh_token = excluded.refresh_token, access_tail = excluded.access_tail,
           refresh_tail = excluded.refresh_tail, expires_at = excluded.expires_at,
           refresh_expires_at = excluded.refresh_expires_at, updated_at = excluded.updated_at, last_check = NULL`,
      ),
      sessionOfFan: db.prepare(
        `SELECT ${SESSION_COLS} FROM oauth_sessions WHERE account_id = ? AND openid = ? AND scope = ?`,
      ),
      session: db.prepare(`SELECT ${SESSION_COLS} FROM oauth_sessions WHERE id = ?`),
      sessions: db.prepare(
        `SELECT ${SESSION_COLS} FROM oauth_sessions ORDER BY created_at DESC, rowid DESC LIMIT ?`,
      ),
      sessionsOf: db.prepare(
        `SELECT ${SESSION_COLS} FROM oauth_sessions WHERE account_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`,
      ),
      refreshed: db.prepare(
        `UPDATE oauth_sessions SET access_token = ?, access_tail = ?, refresh_token = ?, refresh_tail = ?, expires_at = ?,
           scope = ?, refreshed_at = ?, updated_at = ? WHERE id = ?`,
      ),
      userinfo: db.prepare(
        'UPDATE oauth_sessions SET userinfo = ?, unionid = COALESCE(?, unionid), updated_at = ? WHERE id = ?',
      ),
      check: db.prepare('UPDATE oauth_sessions SET last_check = ?, updated_at = ? WHERE id = ?'),
      del: db.prepare('DELETE FROM oauth_sessions WHERE id = ?'),
    };
  }

  domain(accountId: string): string | null {
    return (this.s.domain.get(accountId) as { d: string | null } | undefined)?.d ?? null;
  }

  setDomain(accountId: string, domain: string | null, now: number): void {
    this.s.setDomain.run(accountId, domain, now);
  }

  state(accountId: string, state: string): OauthStateRow | undefined {
    return this.s.state.get(accountId, state) as OauthStateRow | undefined;
  }

  issue(r: {
    accountId: string;
    state: string;
    scope: string;
    redirectUri: string;
    issuedAt: number;
    expiresAt: number;
  }): void {
    this.s.issue.run(r.accountId, r.state, r.scope, r.redirectUri, r.issuedAt, r.expiresAt);
  }

  /** Marks the state used; false when another request got there first (single use). */
  use(accountId: string, state: string, codeHash: string | null, now: number): boolean {
    return this.s.use.run(now, codeHash, accountId, state).changes === 1;
  }

  /** The first session a state signed in (later codes for it are accepted only after one). */
  setStateSession(accountId: string, state: string, sessionId: string): void {
    this.s.finish.run(sessionId, null, accountId, state);
  }

  /** Another account that issued this state, if one did (the link went to the wrong callback). */
  stateElsewhere(state: string, accountId: string): string | undefined {
    return (this.s.stateElsewhere.get(state, accountId) as { accountId: string } | undefined)?.accountId;
  }

  exchange(accountId: string, codeHash: string): OauthExchangeRow | undefined {
    return this.s.exchange.get(accountId, codeHash) as OauthExchangeRow | undefined;
  }

  /** Claims the code for one exchange; false when a callback already met it. */
  claimExchange(accountId: string, codeHash: string, state: string, now: number): boolean {
    return this.s.claimExchange.run(accountId, codeHash, state, now).changes === 1;
  }

  finishExchange(accountId: string, codeHash: string, sessionId: string | null, result: string): void {
    this.s.finishExchange.run(sessionId, result, accountId, codeHash);
  }

  /** Withdraws an issued state that was never used. */
  revoke(accountId: string, state: string): void {
    this.s.revoke.run(accountId, state);
  }

  purgeStates(now: number, keepUsedSince: number): void {
    this.s.purgeStates.run(now, keepUsedSince);
    this.s.purgeExchanges.run(keepUsedSince);
  }

  /** Stores a sign-in's session; the fan's row for that scope is refreshed if it exists. Returns its id. */
  upsertSession(r: Omit<OauthSessionRow, 'refreshedAt' | 'lastCheck' | 'lastSeenAt'>): string {
    this.s.upsertSession.run(r);
    return (this.s.sessionOfFan.get(r.accountId, r.openid, r.scope) as OauthSessionRow).id;
  }

  session(id: string): OauthSessionRow | undefined {
    return this.s.session.get(id) as OauthSessionRow | undefined;
  }

  sessions(accountId: string | undefined, limit: number): OauthSessionRow[] {
    return (
      accountId ? this.s.sessionsOf.all(accountId, limit) : this.s.sessions.all(limit)
    ) as OauthSessionRow[];
  }

  refreshed(
    id: string,
    r: {
      accessToken: Buffer;
      accessTail: string;
      refreshToken: Buffer;
      refreshTail: string;
      expiresAt: number;
      scope: string;
    },
    now: number,
  ): void {
    this.s.refreshed.run(
      r.accessToken,
      r.accessTail,
      r.refreshToken,
      r.refreshTail,
      r.expiresAt,
      r.scope,
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

  deleteSession(id: string): boolean {
    return this.s.del.run(id).changes === 1;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
