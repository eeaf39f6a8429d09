import type Database from 'better-sqlite3';
import type { GatewayConfigDto, GatewayDto } from '../../../shared/api/areas/oauth-gateway';
import { AppError } from '../../../shared/errors';
import type { EventBus } from '../../event-bus';
import type { Runtime } from '../../runtime';
import type { SecretStore } from '../../secrets/secret-store';
import type { CallbackRecorder } from '../../server/callback-recorder';
import type { AreaHandlers } from '../handler-types';
import { publicJwk, publicPem } from './assertion';
import { JWKS_PATH, REDEEM_PATH, SIGN_IN_PATH, gatewayEndpoints } from './gateway-endpoints';
import type { GatewayContext } from './gateway-context';
import { GatewayConfigRepo } from './gateway-config';
import { GatewayKeys } from './gateway-keys';
import type { GatewayShared, GatewaySignIn } from './gateway-ports';
import { gatewayProxyRoute } from './gateway-proxy-route';
import { ReverseProxy, type ProxyTimeouts } from './reverse-proxy';
import { sessionCookieName } from './session-cookie';
import { TicketRepo } from './ticket-repo';

export interface GatewayModuleDeps {
  db: Database.Database;
  events: EventBus;
  rt: Runtime;
  secrets: SecretStore;
  recorder: CallbackRecorder;
  /** Web OAuth's side of the gateway (services/oauth), given once it exists. */
  signIn: () => GatewaySignIn;
  /** Throws not_found for an unknown account; its AppID. */
  appIdOf: (accountId: string) => string;
  publicUrl: () => string | null;
  listenerUrl: () => string | null;
  timeouts?: ProxyTimeouts;
}

/**
 * MPDesk as an OAuth gateway in front of the developer's H5 app (docs/architecture.md §3), as a core
 * module: its configuration and keys (`oauth.gateway*` handlers), its endpoints and the reverse
 * proxy (routes ahead of the pipeline's catch-all, which they leave alone for WeChat's paths), and
 * what it shares with web OAuth (configuration, keys, tickets).
 */
export function createOauthGatewayModule(d: GatewayModuleDeps) {
  const shared: GatewayShared = {
    config: new GatewayConfigRepo(d.db),
    keys: new GatewayKeys(d.secrets, d.rt),
    tickets: new TicketRepo(d.db, d.rt.random),
  };
  const proxy = new ReverseProxy(d.timeouts);
  const ctx: GatewayContext = {
    shared,
    signIn: d.signIn,
    recorder: d.recorder,
    rt: d.rt,
    appIdOf: (id) => {
      try {
        return d.appIdOf(id);
      } catch {
        return null;
      }
    },
    publicUrl: d.publicUrl,
    listenerUrl: d.listenerUrl,
  };

  const dto = (): GatewayDto => {
    const a = shared.keys.assertionKey();
    const c = shared.keys.cookieKey();
    const t = shared.keys.ticketSecret();
    const pub = d.publicUrl();
    const base = (pub ?? d.listenerUrl())?.replace(/\/+$/, '') ?? null;
    const secure = pub?.startsWith('https:') ?? false;
    const config = shared.config.get();
    return {
      config,
      issues:
        pub && config.accountId
          ? ctx
              .signIn()
              .redirectIssues(config.accountId, pub)
              .filter((i) => i.severity !== 'info')
          : [],
      assertion: {
        kid: a.kid,
        publicKeyPem: publicPem(a.privateKey),
        jwk: publicJwk(a.privateKey, a.kid),
        rotatedAt: a.rotatedAt,
      },
      cookie: { name: sessionCookieName(secure), secure, keyId: c.id, rotatedAt: c.rotatedAt },
      ticket: {
        secretSet: t !== null,
        secretTail: t ? `…${t.value.slice(-4)}` : null,
        rotatedAt: t?.rotatedAt ?? null,
      },
      urls: {
        publicUrl: pub,
        redeemUrl: base && `${base}${REDEEM_PATH}`,
        jwksUrl: base && `${base}${JWKS_PATH}`,
        signInUrl: base && `${base}${SIGN_IN_PATH}?landing=%2F`,
      },
    };
  };
  const changed = () => {
    const g = dto();
    d.events.emit('oauth.gatewayChanged', g);
    return g;
  };

  const configure = (c: GatewayConfigDto): GatewayDto => {
    if (c.accountId) d.appIdOf(c.accountId);
    if (c.upstreamUrl && isListener(c.upstreamUrl, d.listenerUrl())) {
      throw new AppError(
        'invalid_input',
        'The app URL is MPDesk’s own callback listener: requests would go round in a loop',
        {
          issues: [
            { path: 'upstreamUrl', key: 'validation.gatewayUpstream', message: 'Not MPDesk’s own listener' },
          ],
        },
      );
    }
    shared.config.save(c, d.rt.clock.now());
    return changed();
  };

  const handlers: AreaHandlers<'oauth.gateway' | 'oauth.configureGateway' | 'oauth.rotateGatewayKey'> = {
    'oauth.gateway': () => dto(),
    'oauth.configureGateway': (c) => configure(c),
    'oauth.rotateGatewayKey': ({ key }) => {
      const ticketSecret = shared.keys.rotate(key);
      return { gateway: changed(), ticketSecret };
    },
  };
  const unsubscribe = d.events.subscribe((e) => {
    if (e.name === 'accounts.changed') shared.config.invalidate();
  });

  return {
    shared,
    handlers,
    routes: [gatewayEndpoints(ctx), gatewayProxyRoute(ctx, proxy)],
    start() {},
    /** After the listener closed. */
    stop() {
      unsubscribe();
      proxy.close();
    },
  };
}

export type OauthGatewayModule = ReturnType<typeof createOauthGatewayModule>;

function isListener(upstream: string, listener: string | null): boolean {
  if (!listener) return false;
  const u = new URL(upstream);
  const l = new URL(listener);
  const local = (h: string) => (h === 'localhost' || h === '[::1]' || h.startsWith('127.') ? 'loopback' : h);
  return u.port === l.port && local(u.hostname) === local(l.hostname);
}
