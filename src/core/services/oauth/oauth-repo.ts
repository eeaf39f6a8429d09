import type Database from 'better-sqlite3';

export type OauthStateKind = 'random' | 'fixed';
/** The seed flow's steps (docs/architecture.md §3): snsapi_base first, snsapi_userinfo for unknown fans. */
export type OauthFlowStep = 'base' | 'userinfo';

export interface OauthStateRow {
  accountId: string;
  state: string;
  kind: OauthStateKind;
  scope: string;
  redirectUri: string;
  issuedAt: number;
  expiresAt: number;
  usedAt: number | null;
  /** The first session the state signed in (random states accept more codes only after one). */
  sessionId: string | null;
  /** Where the callback sends the fan, as typed (checked again when used). */
  landing: string | null;
  /** SHA-256 of the CSRF cookie of the browser that started a gateway sign-in. */
  csrfHash: string | null;
  step: OauthFlowStep | null;
  /** The third-party platform acting for the account (§11.6). */
  componentId: string | null;
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

export type NewState = Pick<
  OauthStateRow,
  | 'accountId'
  | 'state'
  | 'kind'
  | 'scope'
  | 'redirectUri'
  | 'issuedAt'
  | 'expiresAt'
  | 'landing'
  | 'csrfHash'
  | 'step'
  | 'componentId'
>;

const STATE_COLS = `account_id AS accountId, state, kind, scope, redirect_uri AS redirectUri, issued_at AS issuedAt,
  expires_at AS expiresAt, used_at AS usedAt, session_id AS sessionId, landing, csrf_hash AS csrfHash, step,
  component_id AS componentId`;
const EXCHANGE_COLS = `account_id AS accountId, code_hash AS codeHash, state, at, session_id AS sessionId, result`;

/**
 * SQL for the 网页授权域名 copies, the issued states (random and fixed) and the codes the callback met
 * (migrations 5, 25, 26); statements prepared once (docs/architecture.md §5).
 */
export class OauthRepo {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      domain: db.prepare('SELECT oauth_domain AS d FROM oauth_config WHERE account_id = ?'),
      domains: db.prepare('SELECT account_id AS accountId, oauth_domain AS domain FROM oauth_config'),
      setDomain: db.prepare(
        `INSERT INTO oauth_config (account_id, oauth_domain, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(account_id) DO UPDATE SET oauth_domain = excluded.oauth_domain, updated_at = excluded.updated_at`,
      ),
      state: db.prepare(`SELECT ${STATE_COLS} FROM oauth_states WHERE account_id = ? AND state = ?`),
      fixedStates: db.prepare(
        `SELECT ${STATE_COLS} FROM oauth_states WHERE account_id = ? AND kind = 'fixed' ORDER BY state`,
      ),
      issue: db.prepare(
        `INSERT INTO oauth_states (account_id, state, kind, scope, redirect_uri, issued_at, expires_at, landing,
           csrf_hash, step, component_id)
         VALUES (@accountId, @state, @kind, @scope, @redirectUri, @issuedAt, @expiresAt, @landing, @csrfHash, @step, @componentId)
         ON CONFLICT(account_id, state) DO UPDATE SET kind = excluded.kind, scope = excluded.scope,
           redirect_uri = excluded.redirect_uri, issued_at = excluded.issued_at, expires_at = excluded.expires_at,
           landing = excluded.landing, csrf_hash = excluded.csrf_hash, step = excluded.step,
           component_id = excluded.component_id, used_at = NULL, code_hash = NULL, session_id = NULL, result = NULL`,
      ),
      use: db.prepare(
        'UPDATE oauth_states SET used_at = ? WHERE account_id = ? AND state = ? AND used_at IS NULL',
      ),
      setSession: db.prepare(
        'UPDATE oauth_states SET session_id = ? WHERE account_id = ? AND state = ? AND session_id IS NULL',
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
      revoke: db.prepare(
        "DELETE FROM oauth_states WHERE account_id = ? AND state = ? AND used_at IS NULL AND kind = 'random'",
      ),
      deleteFixed: db.prepare(
        "DELETE FROM oauth_states WHERE account_id = ? AND state = ? AND kind = 'fixed'",
      ),
      purgeStates: db.prepare(
        "DELETE FROM oauth_states WHERE kind = 'random' AND expires_at < ? AND (used_at IS NULL OR used_at < ?)",
      ),
    };
  }

  domain(accountId: string): string | null {
    return (this.s.domain.get(accountId) as { d: string | null } | undefined)?.d ?? null;
  }

  domains(): { accountId: string; domain: string | null }[] {
    return this.s.domains.all() as { accountId: string; domain: string | null }[];
  }

  setDomain(accountId: string, domain: string | null, now: number): void {
    this.s.setDomain.run(accountId, domain, now);
  }

  state(accountId: string, state: string): OauthStateRow | undefined {
    return this.s.state.get(accountId, state) as OauthStateRow | undefined;
  }

  fixedStates(accountId: string): OauthStateRow[] {
    return this.s.fixedStates.all(accountId) as OauthStateRow[];
  }

  issue(r: NewState): void {
    this.s.issue.run(r);
  }

  /** Marks a random state's first use (a fixed state is never used up). */
  use(accountId: string, state: string, now: number): void {
    this.s.use.run(now, accountId, state);
  }

  /** The first session a state signed in (later codes for it are accepted only after one). */
  setStateSession(accountId: string, state: string, sessionId: string): void {
    this.s.setSession.run(sessionId, accountId, state);
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

  /** Withdraws an issued random state that was never used. */
  revoke(accountId: string, state: string): void {
    this.s.revoke.run(accountId, state);
  }

  deleteFixed(accountId: string, state: string): boolean {
    return this.s.deleteFixed.run(accountId, state).changes === 1;
  }

  purgeStates(now: number, keepUsedSince: number): void {
    this.s.purgeStates.run(now, keepUsedSince);
    this.s.purgeExchanges.run(keepUsedSince);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
