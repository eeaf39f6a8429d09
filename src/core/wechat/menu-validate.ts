/**
 * Core's own reading of the custom-menu rules (docs/wechat-protocol.md §7.2, errcodes of §6.1). It is
 * written apart from the sandbox platform's checks on purpose: the two must not share a
 * misunderstanding. Unlike WeChat, which stops at the first problem, this reports every one, each
 * with the path of the field (`button.1.sub_button.2.name`) the editor highlights.
 */
import {
  ARTICLE_BUTTON_TYPES,
  KEY_BUTTON_TYPES,
  MEDIA_BUTTON_TYPES,
  MENU_BUTTON_TYPES,
  type MenuButtonDto,
  type MenuDto,
  type MenuIssueDto,
} from '../../shared/api/areas/menu';
import { VALIDATION_MESSAGES_EN, type ValidationKey } from '../../shared/api/validation-messages';
import { checkRedirectUri } from './oauth-redirect-check';
import { inspectAuthorizeUrl, isAuthorizeLink } from './oauth-url-inspect';

const KEY_TYPES = new Set<string>(KEY_BUTTON_TYPES);
const MEDIA_TYPES = new Set<string>(MEDIA_BUTTON_TYPES);
const ARTICLE_TYPES = new Set<string>(ARTICLE_BUTTON_TYPES);
const ALL_TYPES = new Set<string>(MENU_BUTTON_TYPES);

/** §7.2 limits. Names count UTF-8 bytes: 16 bytes is 5 Chinese characters at the top level. */
export const MENU_LIMITS = {
  top: 3,
  sub: 5,
  topNameBytes: 16,
  subNameBytes: 60,
  keyBytes: 128,
  urlBytes: 1024,
  domains: 3,
  /** The client shows about 4 / 8 Chinese characters (8 / 16 half-width) before "…". */
  topDisplayUnits: 8,
  subDisplayUnits: 16,
} as const;

/** §6.1: the top-level codes and their sub-button equivalents (40023-40027, 40054 vs 40055). */
const TOP = { count: 40016, type: 40017, name: 40018, key: 40019, url: 40020, domain: 40055 };
const SUB = { count: 40023, type: 40024, name: 40025, key: 40026, url: 40027, domain: 40054 };

export function utf8Bytes(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Width as the client truncates it: a wide (CJK, emoji) character counts 2, ASCII 1. */
export function displayUnits(s: string): number {
  let n = 0;
  for (const ch of s) n += ch.codePointAt(0)! < 0x1100 ? 1 : 2;
  return n;
}

/** What the account adds to the checks: its AppID and 网页授权域名, for OAuth links in view buttons. */
export interface MenuContext {
  appId?: string;
  oauthDomain?: string | null;
}

/** The redirect_uri problems that make WeChat's authorize page answer 10003 (§8.1). */
const DOMAIN_PROBLEMS = new Set(['host_mismatch', 'subdomain', 'path_mismatch']);

export function validateMenu(menu: MenuDto, context: MenuContext = {}): MenuIssueDto[] {
  const issues: MenuIssueDto[] = [];
  // The UI translates `key`; `message` is the English text every contract error carries.
  const add = (path: string, errcode: number, key: ValidationKey, severity: 'error' | 'warning' = 'error') =>
    issues.push({ path, severity, errcode, key, message: VALIDATION_MESSAGES_EN[key] });
  const buttons = menu.button;
  if (buttons.length < 1 || buttons.length > MENU_LIMITS.top)
    add('button', TOP.count, 'validation.menuCount');
  const domains = new Set<string>();
  const keys = new Map<string, string>();

  buttons.forEach((b, i) => {
    const path = `button.${i}`;
    const subs = b.sub_button;
    const isContainer = subs !== undefined && (subs.length > 0 || !b.type);
    checkName(b.name, `${path}.name`, false);
    if (isContainer) {
      if (subs.length < 1 || subs.length > MENU_LIMITS.sub)
        add(`${path}.sub_button`, SUB.count, 'validation.menuSubCount');
      subs.forEach((s, j) => {
        const sp = `${path}.sub_button.${j}`;
        if (s.sub_button && s.sub_button.length > 0)
          add(`${sp}.sub_button`, SUB.type, 'validation.menuNested');
        checkName(s.name, `${sp}.name`, true);
        checkLeaf(s, sp, SUB);
      });
    } else checkLeaf(b, path, TOP);
  });
  if (domains.size > MENU_LIMITS.domains) add('button', 65316, 'validation.menuDomains');
  return issues;

  /**
   * §8.2: WeChat accepts any URL in a menu, but an authorize link in the wrong order, with a
   * redirect_uri not fully encoded or without #wechat_redirect fails for every fan who taps it, and
   * a redirect_uri outside the 网页授权域名 shows 10003. Warnings: menu/create does not refuse them.
   */
  function checkOauthLink(url: string, path: string) {
    const r = inspectAuthorizeUrl(url, context.appId);
    if (r.problems.some((p) => p.severity === 'error')) add(path, 0, 'validation.menuOauthLink', 'warning');
    if (r.redirectUri && context.oauthDomain) {
      const check = checkRedirectUri(r.redirectUri, context.oauthDomain);
      if (check.problems.some((p) => DOMAIN_PROBLEMS.has(p)))
        add(path, 10003, 'validation.menuOauthDomain', 'warning');
    }
  }

  function checkName(name: string, path: string, sub: boolean) {
    const max = sub ? MENU_LIMITS.subNameBytes : MENU_LIMITS.topNameBytes;
    if (name.trim().length === 0 || utf8Bytes(name) > max)
      add(path, sub ? SUB.name : TOP.name, sub ? 'validation.menuNameSub' : 'validation.menuNameTop');
    else if (displayUnits(name) > (sub ? MENU_LIMITS.subDisplayUnits : MENU_LIMITS.topDisplayUnits))
      add(path, 0, 'validation.menuNameTruncated', 'warning');
  }

  function checkLeaf(b: MenuButtonDto, path: string, c: typeof TOP) {
    const type = b.type ?? '';
    if (!ALL_TYPES.has(type)) {
      add(`${path}.type`, c.type, 'validation.menuType');
      return;
    }
    if (KEY_TYPES.has(type)) {
      const key = b.key ?? '';
      if (key.length === 0 || utf8Bytes(key) > MENU_LIMITS.keyBytes)
        add(`${path}.key`, c.key, 'validation.menuKey');
      else if (keys.has(key)) add(`${path}.key`, 0, 'validation.menuKeyDuplicate', 'warning');
      else keys.set(key, path);
    }
    if (type === 'view' || type === 'miniprogram') {
      const url = b.url ?? '';
      if (url.length === 0 || utf8Bytes(url) > MENU_LIMITS.urlBytes)
        add(`${path}.url`, c.url, 'validation.menuUrl');
      else {
        const host = httpHost(url);
        if (host === null) add(`${path}.url`, c.domain, 'validation.menuUrlDomain');
        else domains.add(host);
        if (type === 'view' && isAuthorizeLink(url)) checkOauthLink(url, `${path}.url`);
      }
    }
    if (type === 'miniprogram') {
      if (!b.appid?.trim()) add(`${path}.appid`, c.type, 'validation.menuAppid');
      if (!b.pagepath?.trim()) add(`${path}.pagepath`, c.type, 'validation.menuPagepath');
    }
    // §6.1 has no dedicated code for a missing media_id; WeChat answers 40007 (invalid media_id).
    if (MEDIA_TYPES.has(type) && !b.media_id?.trim())
      add(`${path}.media_id`, 40007, 'validation.menuMediaId');
    if (ARTICLE_TYPES.has(type) && !b.article_id?.trim())
      add(`${path}.article_id`, c.type, 'validation.menuArticleId');
  }
}

function httpHost(url: string): string | null {
  const m = /^https?:\/\/([^/?#\s:@]+)(?::\d+)?(?:[/?#]|$)/i.exec(url);
  return m?.[1]?.toLowerCase() ?? null;
}

/**
 * What goes to `menu/create`: containers carry only name + sub_button (§7.2), leaves lose empty
 * `sub_button` arrays (menu/get returns them) and fields their type does not use.
 */
export function toWireMenu(menu: MenuDto): MenuDto {
  const leaf = (b: MenuButtonDto): MenuButtonDto => {
    const out: MenuButtonDto = { type: b.type, name: b.name };
    const t = b.type ?? '';
    if (KEY_TYPES.has(t)) out.key = b.key;
    if (t === 'view' || t === 'miniprogram') out.url = b.url;
    if (t === 'miniprogram') Object.assign(out, { appid: b.appid, pagepath: b.pagepath });
    if (MEDIA_TYPES.has(t)) out.media_id = b.media_id;
    if (ARTICLE_TYPES.has(t)) out.article_id = b.article_id;
    return out;
  };
  return {
    button: menu.button.map((b) =>
      b.sub_button && (b.sub_button.length > 0 || !b.type)
        ? { name: b.name, sub_button: b.sub_button.map(leaf) }
        : leaf(b),
    ),
  };
}
