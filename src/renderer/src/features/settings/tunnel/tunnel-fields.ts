import type { TunnelOfflineReason, TunnelStatus } from '../../../../../shared/api/areas/tunnel';
import type { MessageKey } from '../../../i18n/i18n';
import { routeHref } from '../../../shell/router';

/** The fields of Settings → Tunnel that other screens link to (`#/settings/tunnel/<field>`). */
export const TUNNEL_FIELDS = ['provider', 'authtoken', 'domain', 'region', 'externalUrl'] as const;
export type TunnelField = (typeof TUNNEL_FIELDS)[number];

export const tunnelFieldId = (field: TunnelField) => `tunnel-${field}`;

/** Settings → Tunnel, scrolled to the card, with `field` focused when given. */
export function tunnelHref(field?: TunnelField): string {
  return field ? routeHref('settings', 'tunnel', field) : routeHref('settings', 'tunnel');
}

export function isTunnelField(s: string | undefined): s is TunnelField {
  return (TUNNEL_FIELDS as readonly string[]).includes(s ?? '');
}

/** Why Start is off, and the field that fixes it; null when the saved settings can start. */
export interface StartBlocker {
  reason: MessageKey;
  field: TunnelField | null;
  fix: MessageKey | null;
}

export function startBlocker(s: TunnelStatus, listenerUp: boolean): StartBlocker | null {
  if (s.provider === 'none')
    return { reason: 'tunnel.blocked.noProvider', field: 'provider', fix: 'tunnel.blocked.fix.provider' };
  if (s.provider === 'ngrok' && !s.config.ngrok.authtoken.isSet)
    return { reason: 'tunnel.blocked.noAuthtoken', field: 'authtoken', fix: 'tunnel.blocked.fix.authtoken' };
  if (s.provider === 'external' && !s.config.external.baseUrl)
    return { reason: 'tunnel.blocked.noUrl', field: 'externalUrl', fix: 'tunnel.blocked.fix.externalUrl' };
  if (!listenerUp) return { reason: 'tunnel.blocked.listener', field: null, fix: null };
  return null;
}

/** The field an offline reason is fixed in, when one is. */
const OFFLINE_FIELD: Partial<Record<TunnelOfflineReason, TunnelField>> = {
  no_provider: 'provider',
  not_configured: 'externalUrl',
  authtoken_missing: 'authtoken',
  authtoken_invalid: 'authtoken',
  domain_not_reserved: 'domain',
  domain_taken: 'domain',
  blocked: 'provider',
  ngrok_unavailable: 'provider',
};

export function offlineField(reason: TunnelOfflineReason): TunnelField | undefined {
  return OFFLINE_FIELD[reason];
}

/** The port of a public URL as WeChat would call it (80 for http, 443 for https, else the explicit one). */
export function publicPort(url: string): number | null {
  try {
    const u = new URL(url);
    if (u.port) return Number(u.port);
    return u.protocol === 'https:' ? 443 : 80;
  } catch {
    return null;
  }
}

/** The callback listener's port, from its URL (`http://127.0.0.1:17391`); `…` while it is down. */
export function listenerPort(listenerUrl: string | undefined): string {
  if (!listenerUrl) return '…';
  try {
    return new URL(listenerUrl).port || '80';
  } catch {
    return '…';
  }
}
