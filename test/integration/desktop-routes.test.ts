import { describe, expect, it } from 'vitest';
import { parseHash } from '../../src/renderer/src/shell/router';
import { hashQuery, parseFilters } from '../../src/renderer/src/features/callbacks/filters';
import { NAV_ORDER } from '../../src/renderer/src/features/feature-module';
import { desktopRoutes } from '../../src/main/desktop-routes';

/**
 * The routes the shell opens, read back with the renderer's own router and filter parser. Type-checked
 * with the renderer (tsconfig.web.json): it is the one main-process file that reads renderer code.
 */
describe('desktop routes', () => {
  const screen = (hash: string) => parseHash(hash).screen;

  it('open screens that exist', () => {
    for (const r of [
      desktopRoutes.dashboard(),
      desktopRoutes.dashboard('acc 1'),
      desktopRoutes.settings(),
      desktopRoutes.callback(5),
      desktopRoutes.callbackErrors(),
      desktopRoutes.fanMessage({ accountId: 'acc 1', openid: 'o-Fan_1' }),
      desktopRoutes.fanMessages(),
    ]) {
      expect(NAV_ORDER as readonly string[], r).toContain(screen(r));
    }
  });

  it('carry the account and the filters the screens read', () => {
    expect(parseHash(desktopRoutes.dashboard('acc/1')).params).toEqual(['acc/1']);
    expect(hashQuery(desktopRoutes.callback(42)).get('id')).toBe('42');
    expect(parseFilters(hashQuery(desktopRoutes.callbackErrors()))).toMatchObject({ errors: true });
    expect(parseHash(desktopRoutes.fanMessage({ accountId: 'acc/1', openid: 'o-Fan_1' })).params).toEqual([
      'acc/1',
      'o-Fan_1',
    ]);
    expect(parseHash(desktopRoutes.fanMessages()).screen).toBe('messages');
  });
});
