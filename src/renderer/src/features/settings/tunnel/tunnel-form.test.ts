import { describe, expect, it } from 'vitest';
import type { TunnelConfigDto, TunnelStatus } from '../../../../../shared/api/areas/tunnel';
import { offlineField, publicPort, startBlocker, tunnelHref } from './tunnel-fields';
import { initialTunnelValues, toConfigureInput } from './use-tunnel-form';

const config = (over: Partial<TunnelConfigDto> = {}): TunnelConfigDto => ({
  provider: 'none',
  ngrok: { authtoken: { isSet: false }, domain: null, region: 'auto' },
  external: { baseUrl: null },
  startOnLaunch: false,
  ...over,
});
const status = (c: TunnelConfigDto): TunnelStatus =>
  ({ provider: c.provider, state: 'stopped', config: c }) as unknown as TunnelStatus;

describe('Start is off only with a reason and the field that fixes it', () => {
  it('names the missing piece per provider, and the listener', () => {
    expect(startBlocker(status(config()), true)).toMatchObject({ field: 'provider' });
    expect(startBlocker(status(config({ provider: 'ngrok' })), true)).toMatchObject({ field: 'authtoken' });
    expect(
      startBlocker(
        status(
          config({ provider: 'ngrok', ngrok: { authtoken: { isSet: true }, domain: null, region: 'ap' } }),
        ),
        true,
      ),
    ).toBeNull();
    expect(startBlocker(status(config({ provider: 'external' })), true)).toMatchObject({
      field: 'externalUrl',
    });
    expect(
      startBlocker(
        status(config({ provider: 'external', external: { baseUrl: 'https://wx.example.com' } })),
        false,
      ),
    ).toMatchObject({ reason: 'tunnel.blocked.listener', field: null });
    expect(tunnelHref('authtoken')).toBe('#/settings/tunnel/authtoken');
    expect(offlineField('authtoken_invalid')).toBe('authtoken');
    expect(offlineField('no_network')).toBeUndefined();
  });

  it('knows the port WeChat would call', () => {
    expect(publicPort('https://wx.example.com')).toBe(443);
    expect(publicPort('http://wx.example.com/mp')).toBe(80);
    expect(publicPort('http://wx.example.com:8080')).toBe(8080);
    expect(publicPort('not a url')).toBeNull();
  });
});

describe('the tunnel form saves only what changed, and the authtoken only when typed or removed', () => {
  it('sends nothing for an untouched form', () => {
    const c = config({
      provider: 'ngrok',
      ngrok: { authtoken: { isSet: true }, domain: 'a.ngrok-free.app', region: 'ap' },
    });
    expect(toConfigureInput(initialTunnelValues(c), c)).toEqual({});
  });

  it('maps each edit to the contract: empty domain and URL clear, a removed authtoken is null', () => {
    const c = config({
      provider: 'ngrok',
      ngrok: { authtoken: { isSet: true }, domain: 'a.ngrok-free.app', region: 'ap' },
    });
    const v = {
      ...initialTunnelValues(c),
      domain: ' ',
      region: 'jp' as const,
      authtokenMode: 'remove' as const,
    };
    expect(toConfigureInput(v, c)).toEqual({ ngrokDomain: null, ngrokRegion: 'jp', ngrokAuthtoken: null });
    const typed = { ...initialTunnelValues(c), authtokenMode: 'replace' as const, authtoken: ' 2abc_DEF ' };
    expect(toConfigureInput(typed, c)).toEqual({ ngrokAuthtoken: '2abc_DEF' });
    const ext = {
      ...initialTunnelValues(config()),
      provider: 'external' as const,
      externalUrl: 'https://wx.example.com/',
    };
    expect(toConfigureInput(ext, config())).toEqual({
      provider: 'external',
      externalBaseUrl: 'https://wx.example.com',
    });
  });
});
