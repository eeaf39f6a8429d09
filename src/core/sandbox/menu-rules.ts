import {
  ARTICLE_BUTTON_TYPES,
  KEY_BUTTON_TYPES,
  MEDIA_BUTTON_TYPES,
  MENU_BUTTON_TYPES,
} from '../../shared/api/areas/menu';

/**
 * The menu checks WeChat applies on `menu/create` (docs/wechat-protocol.md §7.2), with the errcodes of §6.1:
 * top-level 40016-40020 and 40055, sub-buttons 40023-40027 and 40054, 65316 for > 3 external domains.
 */
export type MenuProblem = [errcode: number, errmsg: string];

// The button types are §7.2's list, kept once (shared/api/areas/menu.ts). The checks below are the
// sandbox's own, written apart from core's validator (wechat/menu-validate.ts) on purpose: the
// sandbox stands in for WeChat, and the two must not share a misunderstanding of the rules.
const KEY_TYPES = new Set<string>(KEY_BUTTON_TYPES);
const MEDIA_TYPES = new Set<string>(MEDIA_BUTTON_TYPES);
const ARTICLE_TYPES = new Set<string>(ARTICLE_BUTTON_TYPES);
const ALL_TYPES = new Set<string>(MENU_BUTTON_TYPES);

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

type Codes = {
  count: number;
  type: number;
  name: number;
  key: number;
  url: number;
  domain: number;
  nameMax: number;
};
const TOP: Codes = {
  count: 40016,
  type: 40017,
  name: 40018,
  key: 40019,
  url: 40020,
  domain: 40055,
  nameMax: 16,
};
const SUB: Codes = {
  count: 40023,
  type: 40024,
  name: 40025,
  key: 40026,
  url: 40027,
  domain: 40054,
  nameMax: 60,
};

export function checkMenu(menu: unknown): MenuProblem | null {
  const buttons = (menu as { button?: unknown } | null)?.button;
  if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3)
    return [40016, 'invalid button size'];
  const domains = new Set<string>();
  for (const b of buttons) {
    const p = checkButton(b, TOP, domains);
    if (p) return p;
    const sub = (b as { sub_button?: unknown }).sub_button;
    if (sub === undefined) continue;
    // A container carries only name + sub_button; 1-5 children.
    if (!Array.isArray(sub) || sub.length < 1 || sub.length > 5) return [40023, 'invalid sub button size'];
    for (const s of sub) {
      if ((s as { sub_button?: unknown }).sub_button !== undefined) return [40024, 'invalid sub button type'];
      const q = checkButton(s, SUB, domains);
      if (q) return q;
    }
  }
  if (domains.size > 3) return [65316, 'too many external domains in menu, max 3'];
  return null;
}

function checkButton(raw: unknown, c: Codes, domains: Set<string>): MenuProblem | null {
  if (!raw || typeof raw !== 'object') return [c.type, 'invalid button type'];
  const b = raw as Record<string, unknown>;
  const name = typeof b.name === 'string' ? b.name : '';
  if (name.length === 0 || bytes(name) > c.nameMax)
    return [c.name, `invalid ${c === SUB ? 'sub ' : ''}button name size`];
  if (b.sub_button !== undefined && c === TOP) return null;
  const type = b.type;
  if (typeof type !== 'string' || !ALL_TYPES.has(type))
    return [c.type, `invalid ${c === SUB ? 'sub ' : ''}button type`];
  if (KEY_TYPES.has(type)) {
    const key = typeof b.key === 'string' ? b.key : '';
    if (key.length === 0 || bytes(key) > 128)
      return [c.key, `invalid ${c === SUB ? 'sub ' : ''}button key size`];
  }
  if (type === 'view' || type === 'miniprogram') {
    const url = typeof b.url === 'string' ? b.url : '';
    if (url.length === 0 || bytes(url) > 1024)
      return [c.url, `invalid ${c === SUB ? 'sub ' : ''}button url size`];
    let host: string;
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
      host = u.hostname;
    } catch {
      return [c.domain, `invalid ${c === SUB ? 'sub ' : ''}button url domain`];
    }
    domains.add(host);
  }
  if (type === 'miniprogram' && (typeof b.appid !== 'string' || typeof b.pagepath !== 'string')) {
    return [c.type, 'invalid miniprogram button: appid and pagepath required'];
  }
  if (MEDIA_TYPES.has(type) && (typeof b.media_id !== 'string' || !b.media_id))
    return [40007, 'invalid media_id'];
  if (ARTICLE_TYPES.has(type) && (typeof b.article_id !== 'string' || !b.article_id)) {
    return [c.type, 'invalid article_id'];
  }
  return null;
}
