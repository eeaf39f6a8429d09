import { z } from 'zod';
import { defineMethod } from '../define';
import { noInput, type Bilingual, type SecretState } from './common';

/**
 * How the callback listener gets a public URL (docs/wechat-protocol.md §0: WeChat only calls public
 * URLs on ports 80/443). Only the callback listener is ever exposed, never the console.
 * - ngrok: an in-process ngrok session (@ngrok/ngrok).
 * - external: the user's own public base URL (frp, natapp, cpolar, 花生壳, nginx on a server).
 * - none: local only.
 */
export const TUNNEL_PROVIDERS = ['none', 'ngrok', 'external'] as const;
export type TunnelProvider = (typeof TUNNEL_PROVIDERS)[number];

/** ngrok's regions; `auto` lets ngrok pick the nearest point of presence. */
export const NGROK_REGIONS = ['auto', 'us', 'us-cal-1', 'eu', 'ap', 'au', 'sa', 'jp', 'in'] as const;
export type NgrokRegion = (typeof NGROK_REGIONS)[number];

const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, { error: 'validation.tooLong' })
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, {
    error: 'validation.hostname',
  });

/** A public base URL: http(s), a host, optional port and path; no query or fragment. */
const publicBaseUrl = z
  .string()
  .trim()
  .max(1024, { error: 'validation.tooLong' })
  .regex(/^https?:\/\/[^\s/?#:@]+(:\d{1,5})?(\/[^\s?#]*)?$/i, { error: 'validation.publicBaseUrl' })
  .transform((s) => s.replace(/\/+$/, ''));

export const tunnelConfigureSchema = z.strictObject({
  provider: z.enum(TUNNEL_PROVIDERS, { error: 'validation.enum' }).optional(),
  /** Write-only: kept in the SecretStore; `null` removes it. */
  ngrokAuthtoken: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{20,200}$/, { error: 'validation.ngrokAuthtoken' })
    .nullable()
    .optional(),
  /** A reserved/static ngrok domain (e.g. `my-app.ngrok-free.app`); `null` for a random URL. */
  ngrokDomain: hostname.nullable().optional(),
  ngrokRegion: z.enum(NGROK_REGIONS, { error: 'validation.enum' }).optional(),
  externalBaseUrl: publicBaseUrl.nullable().optional(),
  startOnLaunch: z.boolean({ error: 'validation.invalid' }).optional(),
});
export type TunnelConfigureInput = z.output<typeof tunnelConfigureSchema>;

export interface TunnelConfigDto {
  provider: TunnelProvider;
  ngrok: { authtoken: SecretState; domain: string | null; region: NgrokRegion };
  external: { baseUrl: string | null };
  startOnLaunch: boolean;
}

export const TUNNEL_STATES = ['stopped', 'connecting', 'online', 'offline'] as const;
export type TunnelState = (typeof TUNNEL_STATES)[number];

/** Why the tunnel is not online. `retrying` says whether MPDesk keeps trying by itself. */
export const TUNNEL_OFFLINE_REASONS = [
  'no_provider',
  'not_configured',
  'authtoken_missing',
  'authtoken_invalid',
  'domain_not_reserved',
  'domain_taken',
  'session_limit',
  'blocked',
  'ngrok_unavailable',
  'no_network',
  'disconnected',
  'listener_down',
  'unknown',
] as const;
export type TunnelOfflineReason = (typeof TUNNEL_OFFLINE_REASONS)[number];

export interface TunnelOfflineInfo {
  reason: TunnelOfflineReason;
  message: Bilingual;
  fix: Bilingual;
  /** What the provider said, with secrets masked (e.g. an ngrok error with its ERR_NGROK_ code). */
  detail?: string;
  /** ngrok's error code when it gave one, e.g. `ERR_NGROK_107`. */
  providerCode?: string;
  retrying: boolean;
}

/** The URLs one account needs in the mp backend, on the current public base. */
export interface AccountPublicUrls {
  accountId: string;
  accountName: string;
  /** 服务器地址(URL) in 基本配置 → 服务器配置 (§1). */
  serverUrl: string;
  /** 网页授权域名 (§8.1): host (and path prefix), no scheme, no port. */
  oauthDomain: string;
  /** Where WeChat sends the user back after OAuth (the redirect_uri MPDesk handles). */
  oauthRedirectUri: string;
  /** The MP_verify file URLs, one per configured file (§8.1). */
  mpVerifyUrls: string[];
}

export interface UrlChange {
  from: string;
  to: string;
  at: number;
  /** Loud text for the UI: the mp backend still points at the old URL. */
  message: Bilingual;
}

export interface TunnelStatus {
  provider: TunnelProvider;
  state: TunnelState;
  /** Public base URL when online, e.g. `https://abcd-1-2-3-4.ngrok-free.app`. */
  publicUrl: string | null;
  /** The local address the public URL forwards to: always the callback listener. */
  forwardsTo: string | null;
  /** When the current state began. */
  since: number;
  /** Consecutive failed attempts since the last time online. */
  attempt: number;
  /** When the next automatic attempt is due (offline and retrying), else null. */
  nextRetryAt: number | null;
  offline: TunnelOfflineInfo | null;
  /** Set when the public URL differs from the last one seen online (free ngrok URLs rotate). */
  urlChangedFrom: string | null;
  urlChange: UrlChange | null;
  /**
   * The public URL the mp backend is known to hold: the first one seen online, then each one the
   * user acknowledged (kept across restarts). A different URL online raises `urlChange`.
   */
  lastPublicUrl: string | null;
  urls: AccountPublicUrls[];
  config: TunnelConfigDto;
}

export const tunnelMethods = {
  'tunnel.configure': defineMethod<TunnelStatus>()(tunnelConfigureSchema),
  'tunnel.start': defineMethod<TunnelStatus>()(noInput),
  'tunnel.stop': defineMethod<TunnelStatus>()(noInput),
  'tunnel.status': defineMethod<TunnelStatus>()(noInput),
  /** "I have put the new URL into the mp backend": ends the URL-change alarm. */
  'tunnel.acknowledgeUrlChange': defineMethod<TunnelStatus>()(noInput),
};

export interface TunnelEvents {
  /** Any change of state, URL, config or the per-account URLs. */
  'tunnel.changed': TunnelStatus;
}
