import { describe, expect, it } from 'vitest';
import { classifyNgrokError } from './classify-ngrok-error';
import { TunnelFailure } from './tunnel-port';

const TOKEN = '2abcdefghijklmnopqrstuvwxyz_ABCDEF';

describe('classifyNgrokError', () => {
  it.each([
    ['ERR_NGROK_105', 'authtoken_invalid'],
    ['ERR_NGROK_107', 'authtoken_invalid'],
    ['ERR_NGROK_4018', 'authtoken_missing'],
    ['ERR_NGROK_108', 'session_limit'],
    ['ERR_NGROK_7118', 'domain_not_reserved'],
    ['ERR_NGROK_320', 'domain_taken'],
    ['ERR_NGROK_9040', 'blocked'],
  ])('maps %s to %s', (code, reason) => {
    const f = classifyNgrokError(new Error(`failed: something\n\n${code}`), []);
    expect(f).toMatchObject({ reason, providerCode: code });
  });

  it('prefers the errorCode property the library sets', () => {
    expect(classifyNgrokError(Object.assign(new Error('x'), { errorCode: 'ERR_NGROK_107' }), []).reason).toBe(
      'authtoken_invalid',
    );
  });

  it('reads an unreachable service as no network, and anything else as unknown', () => {
    expect(
      classifyNgrokError(new Error('failed to connect session: failed to establish tcp connection'), [])
        .reason,
    ).toBe('no_network');
    expect(classifyNgrokError(new Error('something odd'), []).reason).toBe('unknown');
  });

  it('calls a dropped live session disconnected, unless ngrok names a cause', () => {
    expect(classifyNgrokError('connection reset by peer', [], { drop: true }).reason).toBe('disconnected');
    expect(classifyNgrokError('revoked ERR_NGROK_300', [], { drop: true }).reason).toBe('authtoken_invalid');
  });

  it('masks the authtoken ngrok echoes back', () => {
    const f = classifyNgrokError(new Error(`Your authtoken: ${TOKEN}\nERR_NGROK_105`), [TOKEN]);
    expect(f.detail).not.toContain(TOKEN);
    expect(f.detail).toContain('2a****EF');
  });

  it('passes a typed failure through unchanged', () => {
    const f = new TunnelFailure('no_network', 'ngrok did not answer within 15 s');
    expect(classifyNgrokError(f, [])).toBe(f);
  });
});
