import type { CallbackSummaryDto, LateReplyDto } from '../shared/api/areas/callbacks';
import type { EventEnvelope } from '../shared/api/contract';
import type { Settings } from '../shared/api/areas/settings';
import type { TokenStatusDto } from '../shared/api/areas/tokens';
import type { TunnelStatus } from '../shared/api/areas/tunnel';
import type { AppStatus, UpdateStatus } from '../shared/api/areas/app';
import { pick, type DesktopLocale, type Translate } from './desktop-i18n';
import { desktopRoutes } from './desktop-routes';

export type NotifyKind = 'fanMessages' | 'callbackErrors' | 'tunnel' | 'tokens' | 'updates';

/** The setting that switches each kind; updates (a download the user asked for) always tell. */
export const KIND_SETTING: Record<NotifyKind, keyof Settings | null> = {
  fanMessages: 'notifyFanMessages',
  callbackErrors: 'notifyCallbackErrors',
  tunnel: 'notifyTunnel',
  tokens: 'notifyTokens',
  updates: null,
};

export interface NotificationIntent {
  kind: NotifyKind;
  title: string;
  body: string;
  /** The screen a click opens. */
  route: string;
}

export interface RuleContext {
  t: Translate;
  locale: DesktopLocale;
  accountName(id: string | null): string;
}

/** Rejections that mean the account's 服务器配置 and MPDesk disagree; scanners' 404s are not news. */
const MISCONFIGURED = new Set(['bad_signature', 'decrypt_failed', 'mode_mismatch']);
const EXPLAINED = new Set([...MISCONFIGURED, 'internal_error']);
type Explained = 'bad_signature' | 'decrypt_failed' | 'mode_mismatch' | 'internal_error';
const IP_IN_40164 = /WeChat saw ([0-9a-fA-F.:]+)/;

const isFanMessage = (e: CallbackSummaryDto) => !!e.msgType && e.msgType !== 'event';

/**
 * Which core events deserve a desktop notification, and what it says. Stateful only where a
 * change matters more than a state: a tunnel that went offline is told once until it is back,
 * a URL change once per new URL, a token failure once per failure.
 */
export class NotificationRules {
  private tunnelOfflineTold = false;
  private urlChangeTold: string | null;
  private logFailing: boolean;
  private readonly tokenErrorAt = new Map<string, number>();
  private readonly lateRepliesTold = new Set<number>();
  private updateTold: string | null = null;

  constructor(
    private readonly since: number,
    initial: { tunnel: TunnelStatus | null; app: AppStatus },
  ) {
    this.urlChangeTold = initial.tunnel?.urlChange?.to ?? null;
    this.tunnelOfflineTold = initial.tunnel?.state === 'offline';
    this.logFailing = initial.app.callbackLogFailure !== null;
  }

  intents(e: EventEnvelope, ctx: RuleContext): NotificationIntent[] {
    switch (e.name) {
      case 'callbacks.logged':
        return e.payload.entries.flatMap((entry) => this.fromCallback(entry, ctx));
      case 'callbacks.updated':
        return this.fromLateReplies(e.payload.lateReplies, ctx, e.payload.id);
      case 'app.changed':
        return this.fromAppStatus(e.payload, ctx);
      case 'tunnel.changed':
        return this.fromTunnel(e.payload, ctx);
      case 'tokens.changed':
        return this.fromToken(e.payload, ctx);
      case 'app.updateChanged':
        return this.fromUpdate(e.payload, ctx);
      default:
        return [];
    }
  }

  private fromCallback(e: CallbackSummaryDto, { t, accountName }: RuleContext): NotificationIntent[] {
    // WeChat's retries of one message are one event for the user.
    if (e.delivery > 1 || e.source === 'replay') return [];
    const account = accountName(e.accountId);
    if (e.source === 'wechat' && isFanMessage(e) && e.reason === 'acknowledged') {
      const text = e.preview ?? t('notify.fan.noText', { type: e.msgType ?? '' });
      return [
        {
          kind: 'fanMessages',
          title: t('notify.fan.title', { account }),
          body: t('notify.fan.body', { text }),
          route:
            e.accountId && e.openid
              ? desktopRoutes.fanMessage({ accountId: e.accountId, openid: e.openid })
              : desktopRoutes.callback(e.id),
        },
      ];
    }
    const failed =
      e.outcome === 'error' || (e.outcome === 'rejected' && e.accountId && MISCONFIGURED.has(e.reason));
    if (!failed) return [];
    const body = EXPLAINED.has(e.reason)
      ? t(`notify.callback.${e.reason as Explained}`)
      : t('notify.callback.other', { status: e.status });
    return [
      {
        kind: 'callbackErrors',
        title: t('notify.callback.title', { account, reason: e.reason }),
        body,
        route: desktopRoutes.callback(e.id),
      },
    ];
  }

  private fromLateReplies(replies: LateReplyDto[], { t }: RuleContext, logId: number): NotificationIntent[] {
    return replies
      .filter((r) => r.state === 'failed' && !this.lateRepliesTold.has(r.id))
      .map((r) => {
        this.lateRepliesTold.add(r.id);
        return {
          kind: 'callbackErrors' as const,
          title: t('notify.callback.lateTitle'),
          body: t('notify.callback.lateFailed', { detail: r.detail }),
          route: desktopRoutes.callback(logId),
        };
      });
  }

  private fromAppStatus(s: AppStatus, { t }: RuleContext): NotificationIntent[] {
    const failing = s.callbackLogFailure !== null;
    const began = failing && !this.logFailing;
    this.logFailing = failing;
    if (!began) return [];
    const cause = s.callbackLogFailure?.cause === 'disk_full' ? 'disk_full' : 'other';
    return [
      {
        kind: 'callbackErrors',
        title: t('notify.logFailure.title'),
        body: t(`notify.logFailure.${cause}`),
        route: desktopRoutes.dashboard(),
      },
    ];
  }

  private fromTunnel(s: TunnelStatus, { t, locale }: RuleContext): NotificationIntent[] {
    const out: NotificationIntent[] = [];
    if (s.state === 'online') this.tunnelOfflineTold = false;
    if (s.state === 'offline' && s.offline && !this.tunnelOfflineTold && s.provider !== 'none') {
      this.tunnelOfflineTold = true;
      out.push({
        kind: 'tunnel',
        title: t('notify.tunnel.offline'),
        body: `${pick(s.offline.message, locale)} ${pick(s.offline.fix, locale)}`.trim(),
        route: desktopRoutes.dashboard(),
      });
    }
    if (s.urlChange && s.urlChange.to !== this.urlChangeTold) {
      this.urlChangeTold = s.urlChange.to;
      out.push({
        kind: 'tunnel',
        title: t('notify.tunnel.urlChanged'),
        body: pick(s.urlChange.message, locale),
        route: desktopRoutes.dashboard(),
      });
    }
    return out;
  }

  private fromToken(s: TokenStatusDto, { t, accountName }: RuleContext): NotificationIntent[] {
    const err = s.lastError;
    if (!err || err.at <= Math.max(this.since, this.tokenErrorAt.get(s.accountId) ?? 0)) return [];
    this.tokenErrorAt.set(s.accountId, err.at);
    const ip = IP_IN_40164.exec(err.message)?.[1];
    const body =
      err.errcode === 40001
        ? t('notify.token.40001')
        : err.errcode === 40164
          ? ip
            ? t('notify.token.40164', { ip })
            : t('notify.token.40164.noIp')
          : err.message;
    return [
      {
        kind: 'tokens',
        title: t('notify.token.title', {
          account: accountName(s.accountId),
          code: err.errcode ?? err.code,
        }),
        body,
        route: desktopRoutes.dashboard(s.accountId),
      },
    ];
  }

  private fromUpdate(s: UpdateStatus, { t }: RuleContext): NotificationIntent[] {
    if (s.state !== 'ready' || !s.availableVersion || s.availableVersion === this.updateTold) return [];
    this.updateTold = s.availableVersion;
    return [
      {
        kind: 'updates',
        title: t('notify.update.ready', { version: s.availableVersion }),
        body: t('notify.update.readyBody'),
        route: desktopRoutes.settings(),
      },
    ];
  }
}
