import dns from 'node:dns/promises';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/dispatch';
import type { TunnelStatus } from '../../src/shared/api/areas/tunnel';
import { buildVerificationRequest } from '../helpers/wechat-side';
import { accountInput, createTestCore, type TestCore } from '../helpers/test-core';

/**
 * The real @ngrok/ngrok library, no fakes: with no way to reach ngrok, starting fails within
 * seconds with a typed reason, and the callback listener keeps serving locally (issue 7).
 */
const AUTHTOKEN = '2zzzzNotARealTokenButWellFormed_0123456789abcdef';

const cores: TestCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.stop();
});

async function closedLoopbackPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** True when ngrok's agent host does not resolve: the offline machines the project builds on. */
async function ngrokUnreachable(): Promise<boolean> {
  try {
    await dns.lookup('connect.ngrok-agent.com');
    return false;
  } catch {
    return true;
  }
}

async function startOffline(serverAddr?: string) {
  const core = createTestCore({ overrides: { tunnel: { ngrokServerAddr: serverAddr } } });
  cores.push(core);
  await core.start();
  const account = core.services.accounts.create(accountInput({ callbackSlug: 'offline' }));
  const events: TunnelStatus[] = [];
  core.events.subscribe((e) => {
    if (e.name === 'tunnel.changed') events.push(e.payload);
  });
  const call = async (method: 'tunnel.configure' | 'tunnel.start', input?: unknown) => {
    const r = await dispatch(core.handlers, method, input, { transport: 'internal' });
    if (!r.ok) throw new Error(r.error.message);
    return r.value as TunnelStatus;
  };
  await call('tunnel.configure', { provider: 'ngrok', ngrokAuthtoken: AUTHTOKEN });
  const t0 = performance.now();
  const status = await call('tunnel.start');
  return { core, account, status, events, ms: performance.now() - t0 };
}

async function expectListenerServesLocally(core: TestCore) {
  const req = buildVerificationRequest('tokenABC123', { echostr: 'still-local-42' });
  const res = await fetch(req.url(core.status().callbackListener!.url, '/wx/offline'));
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('still-local-42');
}

const machineOffline = await ngrokUnreachable();

describe('real ngrok without a network', () => {
  it('fails within seconds with a typed reason when ngrok cannot be reached, and the listener keeps serving', async () => {
    const { core, status, events, ms } = await startOffline(`127.0.0.1:${await closedLoopbackPort()}`);
    expect(ms).toBeLessThan(5_000);
    expect(status.state).toBe('offline');
    expect(status.offline).toMatchObject({ reason: 'no_network', retrying: true });
    expect(status.offline!.detail).toMatch(/tcp connection|connect/i);
    expect(status.nextRetryAt).toBeGreaterThan(Date.now() - 1000);
    // Consecutive repeats are other updates (the account's URLs), not transitions.
    const states = events.map((e) => e.state).filter((st, i, all) => st !== all[i - 1]);
    expect(states).toEqual(['stopped', 'connecting', 'offline']);
    expect(JSON.stringify(events)).not.toContain(AUTHTOKEN);
    await expectListenerServesLocally(core);
  });

  // Only where ngrok is unreachable anyway: a networked machine must not send a bogus authtoken to ngrok.
  it.skipIf(!machineOffline)(
    "fails within seconds on this machine's own (absent) network, with the default ngrok address",
    async () => {
      const { core, status, ms } = await startOffline();
      expect(ms).toBeLessThan(10_000);
      expect(status.state).toBe('offline');
      expect(status.offline!.reason).toBe('no_network');
      await expectListenerServesLocally(core);
    },
  );
});
