import type Database from 'better-sqlite3';

export interface PlatformRow {
  id: string;
  name: string;
  componentAppId: string;
  apiBase: string | null;
  ticketAt: number | null;
  ticketCreateTime: number | null;
  tokenFetchedAt: number | null;
  tokenExpiresAt: number | null;
  tokenError: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface AuthorizerRow {
  platformId: string;
  appid: string;
  lastEvent: string;
  authCodeExpiresAt: number | null;
  funcInfo: string;
  tokenFetchedAt: number | null;
  tokenExpiresAt: number | null;
  tokenError: string | null;
  authorizedAt: number;
  updatedAt: number;
}

const P_COLS = `id, name, component_appid AS componentAppId, api_base AS apiBase, ticket_at AS ticketAt,
  ticket_create_time AS ticketCreateTime, token_fetched_at AS tokenFetchedAt, token_expires_at AS tokenExpiresAt,
  token_error AS tokenError, created_at AS createdAt, updated_at AS updatedAt`;
const A_COLS = `platform_id AS platformId, appid, last_event AS lastEvent, auth_code_expires_at AS authCodeExpiresAt,
  func_info AS funcInfo, token_fetched_at AS tokenFetchedAt, token_expires_at AS tokenExpiresAt,
  token_error AS tokenError, authorized_at AS authorizedAt, updated_at AS updatedAt`;

/** component_platforms and component_authorizers (migration 7); statements prepared once. */
export class ComponentRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      list: db.prepare(`SELECT ${P_COLS} FROM component_platforms ORDER BY created_at, id`),
      get: db.prepare(`SELECT ${P_COLS} FROM component_platforms WHERE id = ?`),
      byAppid: db.prepare(`SELECT ${P_COLS} FROM component_platforms WHERE component_appid = ?`),
      insert: db.prepare(
        `INSERT INTO component_platforms (id, name, component_appid, api_base, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      update: db.prepare(
        'UPDATE component_platforms SET name = ?, component_appid = ?, api_base = ?, updated_at = ? WHERE id = ?',
      ),
      delete: db.prepare('DELETE FROM component_platforms WHERE id = ?'),
      ticket: db.prepare(
        'UPDATE component_platforms SET ticket_at = ?, ticket_create_time = ?, updated_at = ? WHERE id = ?',
      ),
      token: db.prepare(
        `UPDATE component_platforms SET token_fetched_at = ?, token_expires_at = ?, token_error = ?
         WHERE id = ?`,
      ),
      tokenError: db.prepare('UPDATE component_platforms SET token_error = ? WHERE id = ?'),
      authorizers: db.prepare(
        `SELECT ${A_COLS} FROM component_authorizers WHERE platform_id = ? ORDER BY authorized_at, appid`,
      ),
      allAuthorizers: db.prepare(`SELECT ${A_COLS} FROM component_authorizers`),
      authorizer: db.prepare(
        `SELECT ${A_COLS} FROM component_authorizers WHERE platform_id = ? AND appid = ?`,
      ),
      putAuthorizer: db.prepare(
        `INSERT INTO component_authorizers (platform_id, appid, last_event, auth_code_expires_at, authorized_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(platform_id, appid) DO UPDATE SET last_event = excluded.last_event,
           auth_code_expires_at = coalesce(excluded.auth_code_expires_at, auth_code_expires_at), updated_at = excluded.updated_at`,
      ),
      authorizerToken: db.prepare(
        `UPDATE component_authorizers SET token_fetched_at = ?, token_expires_at = ?, token_error = NULL,
           func_info = coalesce(?, func_info), updated_at = ? WHERE platform_id = ? AND appid = ?`,
      ),
      authorizerError: db.prepare(
        'UPDATE component_authorizers SET token_error = ?, updated_at = ? WHERE platform_id = ? AND appid = ?',
      ),
      deleteAuthorizer: db.prepare('DELETE FROM component_authorizers WHERE platform_id = ? AND appid = ?'),
    };
  }

  list(): PlatformRow[] {
    return this.s.list.all() as PlatformRow[];
  }
  get(id: string): PlatformRow | undefined {
    return this.s.get.get(id) as PlatformRow | undefined;
  }
  byAppid(appid: string): PlatformRow | undefined {
    return this.s.byAppid.get(appid) as PlatformRow | undefined;
  }
  insert(r: { id: string; name: string; componentAppId: string; apiBase: string | null; now: number }): void {
    this.s.insert.run(r.id, r.name, r.componentAppId, r.apiBase, r.now, r.now);
  }
  update(id: string, r: { name: string; componentAppId: string; apiBase: string | null; now: number }): void {
    this.s.update.run(r.name, r.componentAppId, r.apiBase, r.now, id);
  }
  delete(id: string): void {
    this.s.delete.run(id);
  }
  setTicket(id: string, at: number, createTime: number | null): void {
    this.s.ticket.run(at, createTime, at, id);
  }
  setToken(id: string, fetchedAt: number | null, expiresAt: number | null, error: string | null): void {
    this.s.token.run(fetchedAt, expiresAt, error, id);
  }
  setTokenError(id: string, error: string | null): void {
    this.s.tokenError.run(error, id);
  }
  authorizers(platformId: string): AuthorizerRow[] {
    return this.s.authorizers.all(platformId) as AuthorizerRow[];
  }
  allAuthorizers(): AuthorizerRow[] {
    return this.s.allAuthorizers.all() as AuthorizerRow[];
  }
  authorizer(platformId: string, appid: string): AuthorizerRow | undefined {
    return this.s.authorizer.get(platformId, appid) as AuthorizerRow | undefined;
  }
  putAuthorizer(
    platformId: string,
    appid: string,
    event: string,
    codeExpiresAt: number | null,
    now: number,
  ): void {
    this.s.putAuthorizer.run(platformId, appid, event, codeExpiresAt, now, now);
  }
  setAuthorizerToken(
    platformId: string,
    appid: string,
    fetchedAt: number,
    expiresAt: number,
    funcInfo: number[] | null,
  ): void {
    this.s.authorizerToken.run(
      fetchedAt,
      expiresAt,
      funcInfo ? JSON.stringify(funcInfo) : null,
      fetchedAt,
      platformId,
      appid,
    );
  }
  setAuthorizerError(platformId: string, appid: string, error: string, now: number): void {
    this.s.authorizerError.run(error, now, platformId, appid);
  }
  deleteAuthorizer(platformId: string, appid: string): void {
    this.s.deleteAuthorizer.run(platformId, appid);
  }
}
