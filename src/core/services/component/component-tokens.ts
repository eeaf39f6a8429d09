import type { ComponentPlatformDto } from '../../../shared/api/areas/component';
import { SANDBOX_API_BASE } from '../../../shared/api/areas/tokens';
import { AppError } from '../../../shared/errors';
import type { ComponentClient } from '../../api/component-client';
import { isWechatApiError } from '../../api/wechat-error';
import type { ComponentPlatforms } from './component-platforms';
import type { PlatformRow } from './component-repo';
import { secName } from './component-secrets';

/** Tokens are renewed this long before WeChat's expiry (§14.8: proactive refresh). */
export const REFRESH_AHEAD_MS = 10 * 60_000;

export const NO_TICKET_MESSAGE =
  "No component_verify_ticket has arrived yet. WeChat pushes the ticket every 10 minutes after you set the 授权事件接收URL to this platform's events URL (docs/wechat-protocol.md §11.2).";

/** A failed call as the platform's or authorizer's row keeps it. */
export function errorJson(e: unknown, at: number): string {
  return JSON.stringify({
    message: (e as Error)?.message ?? String(e),
    errcode: isWechatApiError(e) ? e.errcode : null,
    at,
  });
}

/** One fetch per key at a time: callers that arrive meanwhile share its promise. */
export class SingleFlight {
  private readonly flights = new Map<string, Promise<string>>();

  run(key: string, fetch: () => Promise<string>): Promise<string> {
    const running = this.flights.get(key);
    if (running) return running;
    const p = fetch().finally(() => this.flights.delete(key));
    this.flights.set(key, p);
    return p;
  }
}

/**
 * A platform's component_verify_ticket (§11.2) and the component_access_token made from it:
 * cached sealed, renewed REFRESH_AHEAD_MS before expiry, one fetch at a time, renewed once when
 * WeChat says it is invalid.
 */
export class ComponentTokens {
  private readonly flights = new SingleFlight();

  constructor(private readonly p: ComponentPlatforms) {}

  /** §11.2: keeps the latest ticket (sealed) and when it came. */
  storeTicket(id: string, ticket: string, createTime: number | null): void {
    const now = this.p.now();
    this.p.d.db.transaction(() => {
      this.p.d.secrets.set(secName(id, 'ticket'), ticket);
      this.p.repo.setTicket(id, now, createTime);
    })();
    this.p.changed(id);
  }

  /** The platform's component_access_token: cached until REFRESH_AHEAD_MS before expiry, one fetch at a time. */
  async componentToken(id: string, force = false): Promise<string> {
    const r = this.p.row(id);
    if (!force) {
      const cached = this.p.d.secrets.get(secName(id, 'componentToken'));
      if (cached && r.tokenExpiresAt && r.tokenExpiresAt - this.p.now() > REFRESH_AHEAD_MS) return cached;
    }
    return this.flights.run(`c:${id}`, () => this.fetchComponentToken(r));
  }

  private async fetchComponentToken(r: PlatformRow): Promise<string> {
    const ticket = this.p.d.secrets.get(secName(r.id, 'ticket'));
    const secret =
      r.apiBase === SANDBOX_API_BASE
        ? this.p.sandboxSecret(r.id)
        : this.p.d.secrets.get(secName(r.id, 'appSecret'));
    try {
      if (!ticket) throw new AppError('unavailable', NO_TICKET_MESSAGE);
      if (!secret) throw new AppError('invalid_input', 'This platform has no AppSecret');
      const res = await this.client().componentToken(this.p.target(r), secret, ticket);
      const now = this.p.now();
      this.p.d.db.transaction(() => {
        this.p.d.secrets.set(secName(r.id, 'componentToken'), res.component_access_token);
        this.p.repo.setToken(r.id, now, now + res.expires_in * 1000, null);
      })();
      this.p.changed(r.id);
      return res.component_access_token;
    } catch (e) {
      this.p.repo.setTokenError(r.id, errorJson(e, this.p.now()));
      this.p.changed(r.id);
      throw e;
    }
  }

  async refreshToken(id: string): Promise<ComponentPlatformDto> {
    await this.componentToken(id, true);
    return this.p.get(id);
  }

  /** Runs `fn` with the component token; an invalid token (40001/40014/42001, 61024) is renewed once. */
  async withComponentToken<T>(r: PlatformRow, fn: (token: string) => Promise<T>): Promise<T> {
    const token = await this.componentToken(r.id);
    try {
      return await fn(token);
    } catch (e) {
      if (!isWechatApiError(e) || ![40001, 40014, 42001].includes(e.errcode)) throw e;
      return fn(await this.componentToken(r.id, true));
    }
  }

  private client(): ComponentClient {
    return this.p.d.client();
  }
}
