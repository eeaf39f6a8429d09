import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { failureAddress, FailureLimiter } from './failure-limiter';

const req = (remoteAddress: string, xff?: string) =>
  ({
    socket: { remoteAddress },
    headers: xff ? { 'x-forwarded-for': xff } : {},
  }) as unknown as http.IncomingMessage;

describe('failure limiter', () => {
  it('records a burst, says once that the address ran out, then refuses until it earns failures back', () => {
    let t = 0;
    const l = new FailureLimiter({ now: () => t }, { burst: 3, perSecond: 1 });
    expect(['a', 'a', 'a', 'a', 'a'].map((a) => l.failed(a))).toEqual([
      'record',
      'record',
      'record',
      'limit',
      'refuse',
    ]);
    expect(l.limited('a')).toBe(true);
    expect(l.limited('b')).toBe(false);
    expect(l.retryAfterS('a')).toBe(1);
    t += 1000;
    expect(l.failed('a')).toBe('record');
    expect(l.failed('a')).toBe('refuse');
  });

  it('is active only while some address has failed lately', () => {
    let t = 0;
    const l = new FailureLimiter({ now: () => t }, { burst: 2, perSecond: 1 });
    expect(l.active).toBe(false);
    l.failed('a');
    expect(l.active).toBe(true);
    t += 61_000; // refilled, and a minute since the last look
    expect(l.active).toBe(false);
  });

  it('forgets quiet addresses first when it holds too many', () => {
    let t = 0;
    const l = new FailureLimiter({ now: () => t }, { burst: 2, perSecond: 1, maxAddresses: 2 });
    l.failed('a');
    l.failed('a');
    t += 10_000; // 'a' is full again
    l.failed('b');
    l.failed('c');
    expect(l.limited('a')).toBe(false);
  });

  it('counts the peer, the tunnel’s X-Forwarded-For hop behind loopback, and IPv6 per /64', () => {
    expect(failureAddress(req('198.51.100.1', '10.0.0.1'))).toBe('198.51.100.1');
    expect(failureAddress(req('127.0.0.1', 'spoofed, 203.0.113.9'))).toBe('203.0.113.9');
    expect(failureAddress(req('::ffff:127.0.0.1', 'not an ip'))).toBe('127.0.0.1');
    expect(failureAddress(req('2001:db8:1:2:3:4:5:6'))).toBe('2001:db8:1:2::/64');
    expect(failureAddress(req('2001:db8::1'))).toBe('2001:db8:0:0::/64');
  });
});
