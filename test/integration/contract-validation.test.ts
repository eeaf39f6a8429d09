import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/dispatch';
import { methods, type MethodName } from '../../src/shared/api/contract';
import { createTestCore } from '../helpers/test-core';

/**
 * Bad input to every contract method, present and future, gets a validation error naming the field,
 * never a 500: this walks the contract itself, so a new method is covered the day it is added.
 */
const core = createTestCore();
afterAll(() => core.stop());

const names = Object.keys(methods) as MethodName[];

describe.each(names)('%s', (name) => {
  it('rejects an unknown field with invalid_input naming it', async () => {
    const r = await dispatch(core.handlers, name, { definitelyNotAField: 1 }, { transport: 'internal' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.issues?.map((i) => i.path)).toContain('definitelyNotAField');
  });

  it('rejects a non-object input with invalid_input', async () => {
    const r = await dispatch(core.handlers, name, 'not an object', { transport: 'internal' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('field errors', () => {
  it('name each wrong field with a translatable key', async () => {
    const r = await dispatch(
      core.handlers,
      'accounts.create',
      { name: '', appId: 'abc', appSecret: 'x', token: 'a!', encodingAESKey: 'short', mode: 'loud' },
      { transport: 'internal' },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries((r.error.issues ?? []).map((i) => [i.path, i.key]));
    expect(byPath).toMatchObject({
      name: 'validation.required',
      appId: 'validation.appId',
      appSecret: 'validation.appSecret',
      token: 'validation.token',
      encodingAESKey: 'validation.encodingAESKey',
      mode: 'validation.mode',
    });
    expect(r.error.message).toContain('token: Token must be 3-32 letters or digits');
  });

  it('an unknown method is not_found', async () => {
    expect(await dispatch(core.handlers, 'nope.nothing', {}, { transport: 'internal' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
