import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema } from './common';
import type { OauthRedirectIssue } from './oauth';

/**
 * MPDesk as an OAuth gateway in front of the developer's H5 app (docs/architecture.md §3), in the
 * manner of oauth2-proxy: requests on the public URL that are not WeChat's go to the app; protected
 * paths need a fan's session (a signed HttpOnly cookie); the app learns who the fan is from request
 * headers with an Ed25519-signed assertion, and a landing outside MPDesk from a single-use ticket
 * its server redeems. Part of the `oauth.*` area (merged into oauthMethods).
 */

/** Where the app behind MPDesk listens, e.g. http://127.0.0.1:3000 (a path prefix is kept). */
const upstreamUrl = z
  .string()
  .trim()
  .max(1024, { error: 'validation.tooLong' })
  .regex(/^https?:\/\/[^\s/?#@\\]+(\/[^\s?#\\]*)?$/i, { error: 'validation.gatewayUpstream' });
/** A path prefix: `/`, `/app`, `/h5/` (no query, no backslash). */
const pathPrefix = z
  .string()
  .trim()
  .max(256, { error: 'validation.tooLong' })
  .regex(/^\/[^\s?#\\]*$/, { error: 'validation.gatewayPrefix' });
/** An origin a landing may go to: scheme, host and port, nothing else. */
const landingOrigin = z
  .string()
  .trim()
  .max(256, { error: 'validation.tooLong' })
  .regex(/^https?:\/\/[^\s/?#@\\]+\/?$/i, { error: 'validation.gatewayOrigin' });

export const gatewayConfigSchema = z.strictObject({
  /** null: no proxy; paths that are not WeChat's stay a logged 404. */
  upstreamUrl: upstreamUrl.nullable(),
  /** The account whose fans sign in on protected paths (its 网页授权域名 is the public host). */
  accountId: idSchema.nullable(),
  protectedPrefixes: z.array(pathPrefix).max(50, { error: 'validation.tooMany' }),
  landingAllowlist: z.array(landingOrigin).max(50, { error: 'validation.tooMany' }),
  /** Seed flow: snsapi_base first, then snsapi_userinfo once for a fan MPDesk has no profile of. */
  seedProfiles: z.boolean(),
});
export type GatewayConfigDto = z.output<typeof gatewayConfigSchema>;

export const GATEWAY_KEYS = ['cookie', 'assertion', 'ticket'] as const;
export type GatewayKeyKind = (typeof GATEWAY_KEYS)[number];

export interface GatewayJwk {
  kty: string;
  crv: string;
  x: string;
  kid: string;
  alg: string;
  use: string;
}

export interface GatewayDto {
  config: GatewayConfigDto;
  /**
   * What would stop the account's fans from signing in through the public URL: MPDesk's callback on
   * it checked against the account's 网页授权域名 (WeChat answers 10003 on a mismatch).
   */
  issues: OauthRedirectIssue[];
  /** The Ed25519 public key the app verifies `X-MPDesk-Assertion` with (never the private key). */
  assertion: { kid: string; publicKeyPem: string; jwk: GatewayJwk; rotatedAt: number };
  /** The session cookie: its name on the current public URL and the id of its signing key. */
  cookie: { name: string; secure: boolean; keyId: string; rotatedAt: number };
  /** The secret the app's server redeems tickets with: whether it is set and its last 4 only. */
  ticket: { secretSet: boolean; secretTail: string | null; rotatedAt: number | null };
  urls: {
    /** The public base (tunnel or external URL), when one is online. */
    publicUrl: string | null;
    /** `POST` here with `Authorization: Bearer <secret>` and `{"ticket": "…"}`. */
    redeemUrl: string | null;
    /** The public key as a JWKS. */
    jwksUrl: string | null;
    /** Starts a sign-in and lands on `?landing=` (for a "sign in" link of the app). */
    signInUrl: string | null;
  };
}

export interface GatewayRotatedDto {
  gateway: GatewayDto;
  /** Only when the ticket secret was rotated: the new secret, shown this once. */
  ticketSecret: string | null;
}

export const oauthGatewayMethods = {
  'oauth.gateway': defineMethod<GatewayDto>()(z.strictObject({}).optional()),
  'oauth.configureGateway': defineMethod<GatewayDto>()(gatewayConfigSchema),
  /** A new key: `cookie` signs every fan out, `assertion` changes the key apps verify with, `ticket` the redeem secret. */
  'oauth.rotateGatewayKey': defineMethod<GatewayRotatedDto>()(
    z.strictObject({ key: z.enum(GATEWAY_KEYS, { error: 'validation.enum' }) }),
  ),
};

export interface OauthGatewayEvents {
  'oauth.gatewayChanged': GatewayDto;
}
