import type Database from 'better-sqlite3';
import { SANDBOX_API_BASE } from '../../../shared/api/areas/tokens';
import { AppError } from '../../../shared/errors';
import type { ComponentClient } from '../../api/component-client';
import type { WechatTransport } from '../../api/transport';
import type { EventBus } from '../../event-bus';
import type { Runtime } from '../../runtime';
import type { SandboxPlatform } from '../../sandbox/sandbox-platform';
import type { SecretStore } from '../../secrets/secret-store';
import { componentRoute } from '../../server/component-routes';
import type { SourceKey } from '../../server/source-key';
import { cdata, computeMsgSignature, computeSignature, encryptMessage, randomPrefix } from '../../wechat';
import { componentHandlers } from './component-handlers';
import { componentOauth } from './component-oauth';
import { ComponentInbound } from './component-inbound';
import { createComponentParts } from './component-parts';

/**
 * The third-party platform feature (docs/wechat-protocol.md §11) as a core module: its parts (component-parts.ts), its
 * `/component/...` callback route (a logged route of the pipeline, ahead of its catch-all) and the
 * `component.*` handlers.
 */
export function createComponentModule(d: {
  db: Database.Database;
  events: EventBus;
  rt: Runtime;
  secrets: SecretStore;
  /** Marks the sandbox's ticket pushes as MPDesk's own. */
  sources: SourceKey;
  client: () => ComponentClient;
  transport: () => WechatTransport;
  sandbox: () => SandboxPlatform | null;
  listenerUrl: () => string | null;
  publicUrl: () => string | null;
  /** The account pipeline's rules, for authorizers that are also MPDesk accounts. */
  rules?: ConstructorParameters<typeof ComponentInbound>[2];
  /** settings.callbackTimestampWindowS, as for account callbacks. */
  timestampWindowS?: () => number;
  /** An MPDesk account's AppID (web OAuth on an authorizer's behalf, §11.6). */
  appIdOf?: (accountId: string) => string;
}) {
  const parts = createComponentParts({
    db: d.db,
    events: d.events,
    rt: d.rt,
    secrets: d.secrets,
    client: d.client,
    transport: d.transport,
    sandboxUrl: () => d.sandbox()?.url ?? null,
    sandboxRegister: (appid, secret) => d.sandbox()?.createComponent(appid, secret),
    listenerUrl: d.listenerUrl,
    publicUrl: d.publicUrl,
  });
  const { platforms, authorizers } = parts;
  const inbound = new ComponentInbound(parts, d.rt, d.rules, d.timestampWindowS);
  const route = componentRoute(inbound);

  /** The sandbox does what WeChat does every 10 minutes (§11.2): a ticket push to the events URL. */
  const pushTicket = async (id: string): Promise<void> => {
    const row = platforms.row(id);
    const sandbox = d.sandbox();
    const base = d.listenerUrl();
    if (!platforms.get(id).isSandbox || !sandbox) {
      throw new AppError(
        'invalid_input',
        'Only sandbox platforms can be sent a ticket; WeChat pushes real ones',
      );
    }
    if (!base) throw new AppError('unavailable', 'The callback listener is not running');
    const keys = platforms.keys(id)!;
    sandbox.createComponent(row.componentAppId, platforms.sandboxSecret(id));
    const ticket = sandbox.pushVerifyTicket(row.componentAppId);
    const ts = String(Math.floor(d.rt.clock.now() / 1000));
    const xml =
      `<xml><AppId>${cdata(row.componentAppId)}</AppId><CreateTime>${ts}</CreateTime>` +
      `<InfoType>${cdata('component_verify_ticket')}</InfoType><ComponentVerifyTicket>${cdata(ticket)}</ComponentVerifyTicket></xml>`;
    const encrypt = encryptMessage(keys.aesKey, xml, row.componentAppId, randomPrefix(d.rt.random));
    const nonce = String(d.rt.random.bytes(4).readUInt32BE(0));
    const query = new URLSearchParams({
      signature: computeSignature(keys.token, ts, nonce),
      timestamp: ts,
      nonce,
      encrypt_type: 'aes',
      msg_signature: computeMsgSignature(keys.token, ts, nonce, encrypt),
    });
    const res = await fetch(`${base}/component/${id}/events?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', ...d.sources.headers('simulator') },
      body: `<xml><AppId>${cdata(row.componentAppId)}</AppId><Encrypt>${cdata(encrypt)}</Encrypt></xml>`,
    });
    const text = await res.text();
    if (res.status !== 200 || text !== 'success') {
      throw new AppError('unavailable', `The events URL answered ${res.status}: ${text.trim()}`);
    }
  };

  return {
    parts,
    /** Web OAuth on behalf of authorizers (§11.6), for services/oauth. */
    oauth: componentOauth(parts, d.appIdOf ?? ((id) => id)),
    routes: [route],
    handlers: componentHandlers(parts, pushTicket),
    start: () => {
      // Sandbox platforms are known to the sandbox by secrets of their own; any other secret the
      // sandbox's file holds (older versions copied real ones in) is replaced.
      const sandbox = d.sandbox();
      if (sandbox) {
        const known = new Map<string, string>();
        for (const r of platforms.repo.list())
          if (r.apiBase === SANDBOX_API_BASE) known.set(r.componentAppId, platforms.sandboxSecret(r.id));
        for (const [appid, secret] of known) sandbox.createComponent(appid, secret);
        sandbox.resealComponents(known);
      }
      authorizers.start();
    },
    stop: () => authorizers.stop(),
  };
}

export type ComponentModule = ReturnType<typeof createComponentModule>;
