import {
  KEY_BUTTON_TYPES,
  MENU_BUTTON_TYPES,
  type MenuButtonDto,
  type MenuDto,
  type MenuIssueDto,
} from '../../../../shared/api/areas/menu';

/** Which button the form edits: a top-level one, or one of its sub-buttons. */
export interface Selection {
  top: number;
  sub?: number;
}

export const MENU_TYPES = MENU_BUTTON_TYPES;
export const KEY_TYPES = new Set<string>(KEY_BUTTON_TYPES);

export const pathOf = (s: Selection) =>
  s.sub === undefined ? `button.${s.top}` : `button.${s.top}.sub_button.${s.sub}`;
export const isContainer = (b: MenuButtonDto) => !!b.sub_button && (b.sub_button.length > 0 || !b.type);
export const buttonAt = (m: MenuDto, s: Selection): MenuButtonDto | undefined =>
  s.sub === undefined ? m.button[s.top] : m.button[s.top]?.sub_button?.[s.sub];

/** UTF-8 bytes, as WeChat counts names (docs/wechat-protocol.md §7.2). */
export const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

/** Issues on this button's own fields (`button.1.name`, `button.1.sub_button`), not its children's. */
export function issuesOf(issues: MenuIssueDto[], path: string): MenuIssueDto[] {
  return issues.filter(
    (i) => i.path === path || (i.path.startsWith(`${path}.`) && !i.path.slice(path.length + 1).includes('.')),
  );
}
export const fieldIssue = (issues: MenuIssueDto[], path: string) => issues.find((i) => i.path === path);

export function newKey(): string {
  return `KEY_${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
}

export function update(m: MenuDto, s: Selection, patch: Partial<MenuButtonDto>): MenuDto {
  return {
    button: m.button.map((b, i) => {
      if (i !== s.top) return b;
      if (s.sub === undefined) return { ...b, ...patch };
      return { ...b, sub_button: b.sub_button?.map((c, j) => (j === s.sub ? { ...c, ...patch } : c)) };
    }),
  };
}

export function addTop(m: MenuDto, name: string): [MenuDto, Selection] {
  return [{ button: [...m.button, { type: 'click', name, key: newKey() }] }, { top: m.button.length }];
}

export function addSub(m: MenuDto, top: number, name: string): [MenuDto, Selection] {
  const subs = topAt(m, top).sub_button ?? [];
  const next = update(m, { top }, { sub_button: [...subs, { type: 'click', name, key: newKey() }] });
  return [next, { top, sub: subs.length }];
}

export function remove(m: MenuDto, s: Selection): [MenuDto, Selection | null] {
  if (s.sub === undefined) {
    const button = m.button.filter((_, i) => i !== s.top);
    return [{ button }, button.length ? { top: Math.max(0, s.top - 1) } : null];
  }
  const b = topAt(m, s.top);
  const subs = (b.sub_button ?? []).filter((_, j) => j !== s.sub);
  // The last sub-menu gone, the menu is a plain button again (with its old content, or click).
  const next: MenuButtonDto = subs.length
    ? { ...b, sub_button: subs }
    : { ...withoutSubs(b), type: b.type ?? 'click', ...(b.type ? {} : { key: newKey() }) };
  return [
    replaceTop(m, s.top, next),
    subs.length ? { top: s.top, sub: Math.max(0, s.sub - 1) } : { top: s.top },
  ];
}

export function move(m: MenuDto, s: Selection, by: -1 | 1): [MenuDto, Selection] {
  if (s.sub === undefined) {
    const to = s.top + by;
    const button = swapped(m.button, s.top, to);
    return button ? [{ button }, { top: to }] : [m, s];
  }
  const b = topAt(m, s.top);
  const to = s.sub + by;
  const subs = swapped(b.sub_button ?? [], s.sub, to);
  return subs ? [replaceTop(m, s.top, { ...b, sub_button: subs }), { top: s.top, sub: to }] : [m, s];
}

/** The selection comes from the menu it edits, so a missing button is a caller's bug. */
function topAt(m: MenuDto, top: number): MenuButtonDto {
  const b = m.button[top];
  if (!b) throw new RangeError(`The menu has no button ${top}`);
  return b;
}

/** A copy with items i and j exchanged; undefined when either is outside the list (a move past the end). */
function swapped<T>(list: readonly T[], i: number, j: number): T[] | undefined {
  const [a, b] = [list[i], list[j]];
  if (a === undefined || b === undefined) return undefined;
  const out = [...list];
  out[i] = b;
  out[j] = a;
  return out;
}

function withoutSubs(b: MenuButtonDto): MenuButtonDto {
  const { sub_button: _drop, ...rest } = b;
  void _drop;
  return rest;
}
function replaceTop(m: MenuDto, top: number, b: MenuButtonDto): MenuDto {
  return { button: m.button.map((x, i) => (i === top ? b : x)) };
}
