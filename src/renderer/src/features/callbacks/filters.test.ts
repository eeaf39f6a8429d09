import { describe, expect, it } from 'vitest';
import type { CallbackSummaryDto } from '../../../../shared/api/areas/callbacks';
import { matches, toListInput } from './filters';

const entry = (over: Partial<CallbackSummaryDto>): CallbackSummaryDto => ({
  id: 1,
  exchangeId: 1,
  delivery: 1,
  accountId: 'a',
  slug: 'a',
  at: 0,
  method: 'POST',
  path: '/wx/a',
  status: 200,
  outcome: 'ok',
  reason: 'acknowledged',
  msgType: 'text',
  event: null,
  openid: 'o1',
  dedupe: 'first',
  matched: null,
  totalMs: 1,
  source: 'wechat',
  preview: null,
  ...over,
});

describe('callback filters', () => {
  it('every screen filter becomes callbacks.list input (nothing left to scan in the browser)', () => {
    expect(toListInput({ type: 'event:CLICK', errors: true, retried: true, account: 'a' })).toEqual({
      event: 'CLICK',
      errorsOnly: true,
      retried: true,
      accountId: 'a',
    });
    expect(toListInput({ type: 'verify' })).toEqual({ verification: true });
    expect(toListInput({ type: 'event' })).toEqual({ msgType: 'event' });
    expect(toListInput({ type: 'image', status: 'late', openid: 'o', q: 'x' })).toEqual({
      msgType: 'image',
      outcome: 'late',
      openid: 'o',
      search: 'x',
    });
  });

  it('a live entry is kept by the same rules the server applies', () => {
    expect(matches({ type: 'event:click' }, entry({ msgType: 'event', event: 'CLICK' }))).toBe(true);
    expect(matches({ type: 'verify' }, entry({ method: 'GET', msgType: null }))).toBe(true);
    // A browser's own requests are no verification (issue 19).
    expect(matches({ type: 'verify' }, entry({ method: 'GET', msgType: null, path: '/favicon.ico' }))).toBe(
      false,
    );
    expect(matches({ type: 'verify' }, entry({ method: 'GET', msgType: null, source: 'other' }))).toBe(false);
    expect(matches({ errors: true }, entry({ status: 401, outcome: 'rejected' }))).toBe(true);
    expect(matches({ errors: true }, entry({}))).toBe(false);
    expect(matches({ retried: true }, entry({ delivery: 2, dedupe: 'retry' }))).toBe(true);
  });
});
