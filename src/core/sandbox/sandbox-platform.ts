import type http from 'node:http';
import type Database from 'better-sqlite3';
import type { SandboxFault, SandboxStatusDto } from '../../shared/api/areas/sandbox';
import { randomAlnum, type Clock, type Random } from '../runtime';
import { HttpListener, readBody } from '../http';
import { openDatabase } from '../store/open-database';
import { FaultBook } from './faults';
import { generateFans } from './fan-generator';
import { recordInteraction, type FanInteraction } from './fan-interaction';
import { componentRoutes } from './routes-component';
import { customRoutes } from './routes-custom';
import { menuRoutes } from './routes-menu';
import { miscRoutes } from './routes-misc';
import { oauthRoutes } from './routes-oauth';
import { tagRoutes } from './routes-tags';
import { tokenRoutes } from './routes-token';
import { userRoutes } from './routes-users';
import {
  SandboxContext,
  SandboxErr,
  type SandboxOptions,
  type SandboxPage,
  type SandboxRequest,
  type SandboxRoute,
} from './sandbox-context';
import { SANDBOX_MIGRATIONS } from './sandbox-migrations';

export interface SandboxPlatformConfig {
  /** Its own SQLite file (`<dataDir>/sandbox.sqlite`), or ':memory:'. */
  file: string;
  clock: Clock;
  random: Random;
  host?: string;
  port?: number;
  nativeBinding?: string;
  options?: Partial<SandboxOptions>;
}

const BODY_LIMIT = 1_048_576;
const json = (res: http.ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json; encoding=utf-8' }).end(JSON.stringify(body));

/**
 * A local WeChat platform that answers like the real one (docs/wechat-protocol.md §5-§12): real HTTP on
 * 127.0.0.1, state in its own SQLite file, an injectable clock, and fault injection. The first-run
 * Sandbox account and the integration tests use it; the sandbox's own tests call it over plain HTTP.
 */
export class SandboxPlatform {
  readonly db: Database.Database;
  readonly ctx: SandboxContext;
  readonly faults = new FaultBook();
  private readonly routes: Map<string, SandboxRoute>;
  private readonly listener: HttpListener;
  /** Requests served (for the bench). */
  served = 0;

  constructor(private readonly config: SandboxPlatformConfig) {
    this.db = openDatabase(config.file, SANDBOX_MIGRATIONS, {
      nativeBinding: config.nativeBinding,
      label: 'sandbox database',
    });
    // Deleted and overwritten secrets are zeroed on their pages, not left for a reader of the file.
    this.db.pragma('secure_delete = ON');
    this.ctx = new SandboxContext(this.db, config.clock, config.random, {
      tokenOverlapMs: 300_000,
      tokenTtlS: 7200,
      ...config.options,
    });
    this.routes = new Map(
      Object.entries({
        ...tokenRoutes(this.ctx),
        ...menuRoutes(this.ctx),
        ...userRoutes(this.ctx),
        ...tagRoutes(this.ctx),
        ...customRoutes(this.ctx),
        ...oauthRoutes(this.ctx),
        ...componentRoutes(this.ctx),
        ...miscRoutes(this.ctx),
      }),
    );
    this.listener = new HttpListener((req, res) => this.handle(req, res), {
      host: config.host ?? '127.0.0.1',
      port: config.port ?? 0,
      name: 'sandbox',
    });
  }

  async start(): Promise<string> {
    return (await this.listener.start()).url;
  }

  /** Idempotent; closes the listener, then the sandbox database. */
  async stop(): Promise<void> {
    await this.listener.stop();
    if (this.db.open) this.db.close();
  }

  get url(): string | null {
    return this.listener.address?.url ?? null;
  }

  // ---- administration (the sandbox screen and tests) ----

  /** Registers an app; an existing one gets the given secret (so a restored account keeps working). */
  ensureApp(app: { appid: string; secret: string; name: string }): void {
    this.db
      .prepare(
        `INSERT INTO apps (appid, secret, name, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(appid) DO UPDATE SET secret = excluded.secret, name = excluded.name`,
      )
      .run(app.appid, app.secret, app.name, this.ctx.now());
  }

  /**
   * Gives every app not in `keep` a fresh random secret (those in it keep theirs), overwriting the
   * old bytes on disk: older MPDesk versions copied real AppSecrets into this file.
   */
  resealApps(keep: ReadonlyMap<string, string>): void {
    this.reseal('apps', 'appid', keep);
  }

  /** The same for third-party platforms' secrets. */
  resealComponents(keep: ReadonlyMap<string, string>): void {
    this.reseal('components', 'component_appid', keep);
  }

  private reseal(table: 'apps' | 'components', key: string, keep: ReadonlyMap<string, string>): void {
    const rows = this.db.prepare(`SELECT ${key} AS id, secret FROM ${table}`).all() as {
      id: string;
      secret: string;
    }[];
    const set = this.db.prepare(`UPDATE ${table} SET secret = ? WHERE ${key} = ?`);
    const stale = rows.filter((r) => keep.get(r.id) !== r.secret);
    this.db.transaction(() => {
      for (const r of stale) set.run(keep.get(r.id) ?? randomAlnum(this.config.random, 32), r.id);
    })();
    // The WAL still holds the old pages until a checkpoint copies the new ones over them.
    if (stale.length) this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  hasApp(appid: string): boolean {
    return this.ctx.app(appid) !== undefined;
  }

  /** §8.1 网页授权域名 as set on the platform (null: none set, the authorize page checks nothing). */
  setOauthDomain(appid: string, domain: string | null): void {
    if (this.db.open) this.db.prepare('UPDATE apps SET oauth_domain = ? WHERE appid = ?').run(domain, appid);
  }

  setIpWhitelist(appid: string, ips: string[]): void {
    this.db.prepare('UPDATE apps SET ip_whitelist = ? WHERE appid = ?').run(JSON.stringify(ips), appid);
  }

  setQuota(appid: string, api: string, limit: number): void {
    this.db
      .prepare(
        'INSERT INTO quota_limits (appid, api, lim) VALUES (?, ?, ?) ON CONFLICT(appid, api) DO UPDATE SET lim = excluded.lim',
      )
      .run(appid, api, limit);
  }

  generateFans(appid: string, count: number): { added: number; total: number } {
    return generateFans(this.db, appid, count, this.ctx.now());
  }

  /** First `n` followers by seq. */
  fans(appid: string, n: number): { openid: string; nickname: string }[] {
    return this.db
      .prepare('SELECT openid, nickname FROM fans WHERE appid = ? ORDER BY seq LIMIT ?')
      .all(appid, n) as {
      openid: string;
      nickname: string;
    }[];
  }

  setSubscribed(appid: string, openid: string, subscribed: boolean): void {
    this.db
      .prepare('UPDATE fans SET subscribe = ? WHERE appid = ? AND openid = ?')
      .run(subscribed ? 1 : 0, appid, openid);
  }

  /** The fan sends a message: opens a fresh 48-hour customer-service window with its quota (§10.1). */
  userMessage(appid: string, openid: string): void {
    this.fanInteraction(appid, openid, { msgType: 'text' });
  }

  /**
   * A fan did something inside WeChat (what the simulator's message says): an unknown fan becomes a
   * follower, follows and unfollows change the follow state, and messages, clicks, follows and scans
   * open their customer-service grants (§10.1).
   */
  fanInteraction(appid: string, openid: string, what: FanInteraction): void {
    recordInteraction(this.db, appid, openid, what, this.ctx.now());
  }

  sentMessages(
    appid: string,
  ): { openid: string; msgtype: string; body: Record<string, unknown>; at: number }[] {
    return (
      this.db
        .prepare('SELECT openid, msgtype, body, at FROM cs_messages WHERE appid = ? ORDER BY id')
        .all(appid) as {
        openid: string;
        msgtype: string;
        body: string;
        at: number;
      }[]
    ).map((r) => ({ ...r, body: JSON.parse(r.body) as Record<string, unknown> }));
  }

  createComponent(componentAppid: string, secret: string): void {
    this.db
      .prepare(
        'INSERT INTO components (component_appid, secret) VALUES (?, ?) ON CONFLICT DO UPDATE SET secret = excluded.secret',
      )
      .run(componentAppid, secret);
  }

  /** What the 10-minute `component_verify_ticket` push carries (§11.2); returns the new ticket. */
  pushVerifyTicket(componentAppid: string): string {
    const ticket = `ticket@@@${randomAlnum(this.config.random, 64)}`;
    this.db
      .prepare('UPDATE components SET verify_ticket = ?, ticket_at = ? WHERE component_appid = ?')
      .run(ticket, this.ctx.now(), componentAppid);
    return ticket;
  }

  setFaults(faults: SandboxFault[]): void {
    this.faults.set(faults);
  }

  status(): SandboxStatusDto {
    const n = (sql: string) => (this.db.open ? (this.db.prepare(sql).get() as { n: number }).n : 0);
    return {
      running: this.url !== null,
      url: this.url,
      apps: n('SELECT count(*) AS n FROM apps'),
      fans: n('SELECT count(*) AS n FROM fans'),
      faults: this.faults.list(),
    };
  }

  // ---- HTTP ----

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.served++;
    // WeChat's answers carry its time; the sandbox's is its own clock (the doctor's clock check reads it).
    res.setHeader('date', new Date(this.ctx.now()).toUTCString());
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://sandbox.local');
    } catch {
      json(res, 400, { errcode: 47001, errmsg: 'bad request line' });
      return;
    }
    const plan = this.faults.plan(url.pathname);
    if (plan.delayMs > 0) await new Promise((r) => setTimeout(r, plan.delayMs));
    if (plan.act?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (plan.act?.kind === 'http5xx') {
      res
        .writeHead(plan.act.status ?? 502, { 'content-type': 'text/html' })
        .end('<html>502 Bad Gateway</html>');
      return;
    }
    if (plan.act?.kind === 'busy') {
      json(res, 200, { errcode: -1, errmsg: 'system error' });
      return;
    }
    try {
      await this.route(req, res, url);
    } catch (e) {
      if (!res.headersSent)
        json(res, 500, { errcode: -1, errmsg: `sandbox failure: ${(e as Error).message}` });
    }
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const route = this.routes.get(`${method} ${url.pathname}`);
    if (!route) {
      const other = this.routes.has(`${method === 'GET' ? 'POST' : 'GET'} ${url.pathname}`);
      if (other) {
        // WeChat's answers for the wrong method: 43001 require GET, 43002 require POST.
        json(
          res,
          200,
          method === 'GET'
            ? { errcode: 43002, errmsg: 'require POST method' }
            : { errcode: 43001, errmsg: 'require GET method' },
        );
      } else {
        json(res, 404, { errcode: 404, errmsg: `no such API in the sandbox: ${url.pathname}` });
      }
      return;
    }
    let body: Record<string, unknown> | undefined;
    if (method === 'POST') {
      const raw = await readBody(req, BODY_LIMIT);
      try {
        const parsed: unknown = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
        if (parsed === undefined) throw new SandboxErr(44002, 'empty post data');
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new Error('not an object');
        body = parsed as Record<string, unknown>;
      } catch (e) {
        const err = e instanceof SandboxErr ? e : new SandboxErr(47001, 'data format error');
        json(res, 200, { errcode: err.errcode, errmsg: err.errmsg });
        return;
      }
    }
    const sreq: SandboxRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      body,
      ip: req.socket.remoteAddress ?? '',
      headers: req.headers,
    };
    try {
      const answer = route(sreq);
      if ('page' in answer && typeof answer.page === 'object' && answer.page) {
        writePage(res, answer.page as SandboxPage);
      } else if ('redirect' in answer && typeof answer.redirect === 'string') {
        res.writeHead(302, { location: answer.redirect }).end();
      } else {
        json(res, 200, answer);
      }
    } catch (e) {
      if (!(e instanceof SandboxErr)) throw e;
      json(res, 200, { errcode: e.errcode, errmsg: e.errmsg });
    }
  }
}

function writePage(res: http.ServerResponse, p: SandboxPage): void {
  const headers: http.OutgoingHttpHeaders = { 'cache-control': 'no-store' };
  if (p.setCookie?.length) headers['set-cookie'] = p.setCookie;
  if (p.redirect) {
    res.writeHead(p.status ?? 302, { ...headers, location: p.redirect }).end();
    return;
  }
  res
    .writeHead(p.status ?? 200, { ...headers, 'content-type': 'text/html; charset=utf-8' })
    .end(p.html ?? '');
}
