import type { SandboxFault, SandboxStatusDto } from '../../shared/api/areas/sandbox';
import { SANDBOX_API_BASE } from '../../shared/api/areas/tokens';
import { AppError } from '../../shared/errors';
import type { AccountApiRepo } from '../api/account-api-repo';
import type { EventBus } from '../event-bus';
import { randomAlnum, type Random } from '../runtime';
import type { SandboxPlatform } from '../sandbox/sandbox-platform';
import { textOf, type XmlFields } from '../wechat';
import type { AccountsService } from './accounts-service';
import type { AreaHandlers } from './handler-types';

/** How many fans a fresh Sandbox account starts with (enough to page, small enough to be instant). */
const FIRST_RUN_FANS = 1_000;

export interface SandboxServiceDeps {
  platform: SandboxPlatform;
  accounts: AccountsService;
  apiSettings: AccountApiRepo;
  events: EventBus;
  random: Random;
}

/** The built-in sandbox as the UI sees it, and the first-run Sandbox account. */
export class SandboxService {
  constructor(private readonly d: SandboxServiceDeps) {
    // An account pointed at the sandbox, or a changed secret, works at once rather than after a restart.
    d.events.subscribe((e) => {
      if (e.name === 'accounts.changed' && d.platform.db.open) this.syncApps();
    });
  }

  status(): SandboxStatusDto {
    return this.d.platform.status();
  }

  /**
   * On first run (no accounts at all) creates the Sandbox account, wired to the sandbox platform; on
   * every start re-registers existing sandbox accounts' apps (the sandbox file may have been deleted).
   * Mode 'safe': the newcomer sees the recommended production setting (signature + AES, §4.1) work.
   */
  ensureSandboxAccount(): void {
    if (this.d.accounts.count() === 0) {
      const hex = this.d.random.bytes(8).toString('hex');
      this.d.accounts.create(
        {
          name: 'Sandbox 沙箱号',
          appId: `wx${hex}`,
          appSecret: randomAlnum(this.d.random, 32),
          token: randomAlnum(this.d.random, 32),
          encodingAESKey: randomAlnum(this.d.random, 43),
          mode: 'safe',
          callbackSlug: 'sandbox',
          apiBase: SANDBOX_API_BASE,
          tokenSource: 'stable_token',
        },
        { isSandbox: true },
      );
    }
    this.syncApps(true);
  }

  /**
   * Registers every account whose API points at the sandbox, with the secret the sandbox made for it
   * (AccountsService.sandboxSecret): a real AppSecret never reaches sandbox.sqlite. On start, every
   * other app's secret is replaced too, scrubbing what older versions copied in.
   */
  private syncApps(scrub = false): void {
    const known = new Map<string, string>();
    for (const a of this.d.accounts.list()) {
      if (!a.isSandbox && a.apiBase !== SANDBOX_API_BASE) continue;
      const secret = this.d.accounts.sandboxSecret(a.id, () => randomAlnum(this.d.random, 32))!;
      known.set(a.appId, secret);
      const fresh = !this.d.platform.hasApp(a.appId);
      this.d.platform.ensureApp({ appid: a.appId, secret, name: a.name });
      if (fresh) this.d.platform.generateFans(a.appId, FIRST_RUN_FANS);
    }
    if (scrub) this.d.platform.resealApps(known);
  }

  generateFans(accountId: string, count: number): { added: number; total: number } {
    const r = this.d.platform.generateFans(this.sandboxAppId(accountId), count);
    this.changed();
    return r;
  }

  /**
   * The simulator played a fan of an account on the sandbox: the platform learns what they did, so
   * they are a follower and their customer-service window opens as WeChat's would (§10.1).
   */
  fanActed(accountId: string, fields: XmlFields): void {
    const openid = textOf(fields.FromUserName);
    if (!openid || !this.d.platform.db.open) return;
    if (this.d.apiSettings.get(accountId).apiBase !== SANDBOX_API_BASE) return;
    const appid = this.d.accounts.get(accountId).appId;
    if (!this.d.platform.hasApp(appid)) return;
    this.d.platform.fanInteraction(appid, openid, {
      msgType: textOf(fields.MsgType),
      event: textOf(fields.Event) || null,
      eventKey: textOf(fields.EventKey) || null,
    });
  }

  simulateInteraction(accountId: string, openid?: string): { openid: string } {
    const appid = this.sandboxAppId(accountId);
    const who = openid ?? this.d.platform.fans(appid, 1)[0]?.openid;
    if (!who) throw new AppError('not_found', 'This sandbox account has no fans yet; generate some first');
    this.d.platform.userMessage(appid, who);
    return { openid: who };
  }

  setFaults(faults: SandboxFault[]): SandboxStatusDto {
    this.d.platform.setFaults(faults);
    return this.changed();
  }

  private changed(): SandboxStatusDto {
    const s = this.status();
    this.d.events.emit('sandbox.changed', s);
    return s;
  }

  /** Only accounts whose API points at the sandbox may be driven from here. */
  private sandboxAppId(accountId: string): string {
    const acc = this.d.accounts.get(accountId);
    if (this.d.apiSettings.get(accountId).apiBase !== SANDBOX_API_BASE) {
      throw new AppError('invalid_input', `Account "${acc.name}" does not use the sandbox platform`);
    }
    return acc.appId;
  }
}

export function sandboxHandlers(sandbox: SandboxService): AreaHandlers<'sandbox.'> {
  return {
    'sandbox.status': () => sandbox.status(),
    'sandbox.generateFans': ({ accountId, count }) => sandbox.generateFans(accountId, count),
    'sandbox.simulateInteraction': ({ accountId, openid }) => sandbox.simulateInteraction(accountId, openid),
    'sandbox.setFaults': ({ faults }) => sandbox.setFaults(faults),
  };
}
