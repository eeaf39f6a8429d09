import { describe, expect, it } from 'vitest';
import { apiHostsFor } from './hosts';

describe('API hosts (§12)', () => {
  const none = { apiBase: null, apiBackupBase: null };
  it('defaults to api.weixin.qq.com with api2 as backup; regional hosts fall back to api2 too', () => {
    expect(apiHostsFor(none, null)).toEqual(['https://api.weixin.qq.com', 'https://api2.weixin.qq.com']);
    expect(apiHostsFor({ ...none, apiBase: 'https://sh.api.weixin.qq.com/' }, null)).toEqual([
      'https://sh.api.weixin.qq.com',
      'https://api2.weixin.qq.com',
    ]);
    expect(apiHostsFor({ ...none, apiBase: 'https://api2.weixin.qq.com' }, null)).toEqual([
      'https://api2.weixin.qq.com',
      'https://api.weixin.qq.com',
    ]);
  });
  it('a proxy has no backup unless one is set; `sandbox` follows the sandbox URL', () => {
    expect(apiHostsFor({ ...none, apiBase: 'https://wxproxy.example.com' }, null)).toEqual([
      'https://wxproxy.example.com',
    ]);
    expect(
      apiHostsFor({ apiBase: 'https://a.example.com', apiBackupBase: 'https://b.example.com' }, null),
    ).toEqual(['https://a.example.com', 'https://b.example.com']);
    expect(apiHostsFor({ ...none, apiBase: 'sandbox' }, 'http://127.0.0.1:5555')).toEqual([
      'http://127.0.0.1:5555',
    ]);
    expect(() => apiHostsFor({ ...none, apiBase: 'sandbox' }, null)).toThrow(/not running/);
  });
});
