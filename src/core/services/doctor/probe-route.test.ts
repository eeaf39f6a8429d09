import { afterEach, describe, expect, it } from 'vitest';
import { systemRuntime } from '../../runtime';
import { createCallbackRouter } from '../../server/callback-routes';
import { HttpListener } from '../../http';
import { DoctorProbes, PROBE_PREFIX, probeBody } from './probe-route';

let now = 1_000_000;
const clock = { now: () => now };
const listeners: HttpListener[] = [];
afterEach(async () => {
  for (const l of listeners.splice(0)) await l.stop();
});

async function serve(probes: DoctorProbes) {
  const l = new HttpListener(createCallbackRouter([probes.route]), {
    host: '127.0.0.1',
    port: 0,
    name: 'probe-test',
  });
  listeners.push(l);
  return (await l.start()).url;
}

describe('doctor probe route', () => {
  it('answers an issued nonce with its body and records who came', async () => {
    const probes = new DoctorProbes(clock, systemRuntime.random);
    const base = await serve(probes);
    const nonce = probes.issue();
    const res = await fetch(`${base}${PROBE_PREFIX}${nonce}`, {
      headers: { 'user-agent': 'UA-1', 'x-forwarded-for': '1.2.3.4' },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(probeBody(nonce));
    expect(probes.hits(nonce)).toEqual([
      { at: now, userAgent: 'UA-1', host: new URL(base).host, forwardedFor: '1.2.3.4' },
    ]);
  });

  it('gives strangers, expired and released nonces the ordinary 404', async () => {
    const probes = new DoctorProbes(clock, systemRuntime.random);
    const base = await serve(probes);
    expect((await fetch(`${base}${PROBE_PREFIX}guess`)).status).toBe(404);

    const expired = probes.issue(1000);
    now += 1001;
    expect((await fetch(`${base}${PROBE_PREFIX}${expired}`)).status).toBe(404);

    const released = probes.issue();
    probes.release(released);
    expect((await fetch(`${base}${PROBE_PREFIX}${released}`)).status).toBe(404);
    expect(probes.hits(released)).toEqual([]);

    const posted = probes.issue();
    expect((await fetch(`${base}${PROBE_PREFIX}${posted}`, { method: 'POST' })).status).toBe(404);
  });
});
