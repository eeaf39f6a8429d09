import { describe, expect, it } from 'vitest';
import type { MenuDto } from '../../../../shared/api/areas/menu';
import { addSub, addTop, issuesOf, move, remove, utf8Bytes } from './menu-model';

const base: MenuDto = { button: [{ type: 'click', name: 'A', key: 'KA' }] };

describe('menu editing', () => {
  it('adding a sub-menu turns a button into a container; removing the last turns it back', () => {
    const [withSub, sel] = addSub(base, 0, 'S');
    expect(sel).toEqual({ top: 0, sub: 0 });
    expect(withSub.button[0]?.sub_button).toHaveLength(1);
    const [back, sel2] = remove(withSub, sel);
    expect(back.button[0]).toEqual({ type: 'click', name: 'A', key: 'KA' });
    expect(sel2).toEqual({ top: 0 });
  });

  it('moves buttons and follows them with the selection; stops at the ends', () => {
    const [two] = addTop(base, 'B');
    const [moved, sel] = move(two, { top: 1 }, -1);
    expect(moved.button.map((b) => b.name)).toEqual(['B', 'A']);
    expect(sel).toEqual({ top: 0 });
    expect(move(moved, sel, -1)[0]).toBe(moved);
  });

  it('shows a button only its own issues, not its sub-menus’', () => {
    const issues = [
      { path: 'button.1.sub_button', severity: 'error', errcode: 40023, key: 'k', message: '' },
      { path: 'button.1.sub_button.0.name', severity: 'error', errcode: 40025, key: 'k', message: '' },
    ] as const;
    expect(issuesOf([...issues], 'button.1').map((i) => i.errcode)).toEqual([40023]);
    expect(issuesOf([...issues], 'button.1.sub_button.0').map((i) => i.errcode)).toEqual([40025]);
  });

  it('counts UTF-8 bytes like WeChat', () => {
    expect(utf8Bytes('菜单')).toBe(6);
    expect(utf8Bytes('👍')).toBe(4);
  });
});
