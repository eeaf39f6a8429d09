import type Database from 'better-sqlite3';
import type { MenuButtonDto, MenuDraftDto, MenuDto, MenuValidation } from '../../shared/api/areas/menu';
import { AppError } from '../../shared/errors';
import type { WechatClient } from '../api/wechat-client';
import { WechatApiError } from '../api/wechat-error';
import type { Clock } from '../runtime';
import { toWireMenu, validateMenu, type MenuContext } from '../wechat';
import type { AreaHandlers } from './handler-types';

/** §6.1: 46002 / 46003 mean "this account has no menu". */
const NO_MENU = new Set([46002, 46003]);

/** menu/get returns `sub_button: []` on leaves (§7.1); the editor models a leaf without it. */
function fromWire(b: MenuButtonDto): MenuButtonDto {
  const { sub_button, ...rest } = b;
  if (sub_button && (sub_button.length > 0 || !rest.type))
    return { ...rest, sub_button: sub_button.map(fromWire) };
  return rest;
}

/** 自定义菜单: read, check (core's own rules), publish and delete an account's menu; keep drafts locally. */
export class MenuService {
  private readonly s;

  constructor(
    db: Database.Database,
    private readonly client: () => WechatClient,
    private readonly clock: Clock,
    /** The account's AppID and 网页授权域名, for the OAuth links in view buttons. */
    private readonly context: (accountId: string) => MenuContext = () => ({}),
  ) {
    this.s = {
      get: db.prepare('SELECT json, updated_at AS updatedAt FROM menu_drafts WHERE account_id = ?'),
      put: db.prepare(
        `INSERT INTO menu_drafts (account_id, json, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(account_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
      ),
      del: db.prepare('DELETE FROM menu_drafts WHERE account_id = ?'),
      account: db.prepare('SELECT 1 FROM accounts WHERE id = ?').pluck(),
    };
  }

  async get(accountId: string): Promise<{ menu: MenuDto | null }> {
    try {
      const r = await this.client().menuGet(accountId);
      return { menu: { button: (r.menu?.button ?? []).map(fromWire) } };
    } catch (e) {
      if (e instanceof WechatApiError && NO_MENU.has(e.errcode)) return { menu: null };
      throw e;
    }
  }

  validate(menu: MenuDto, accountId?: string): MenuValidation {
    const issues = validateMenu(menu, accountId ? this.context(accountId) : {});
    return { ok: !issues.some((i) => i.severity === 'error'), issues };
  }

  async publish(accountId: string, menu: MenuDto): Promise<{ publishedAt: number }> {
    const errors = validateMenu(menu, this.context(accountId)).filter((i) => i.severity === 'error');
    const [first] = errors;
    if (first) {
      throw new AppError('invalid_input', `The menu has ${errors.length} problem(s): ${first.message}`, {
        issues: errors.map(({ path, key, message }) => ({ path, key, message })),
        details: { errcode: first.errcode },
      });
    }
    await this.client().menuCreate(accountId, toWireMenu(menu) as Parameters<WechatClient['menuCreate']>[1]);
    return { publishedAt: this.clock.now() };
  }

  async delete(accountId: string): Promise<{ deleted: true }> {
    await this.client().menuDelete(accountId);
    return { deleted: true };
  }

  draftGet(accountId: string): MenuDraftDto | null {
    const row = this.s.get.get(accountId) as { json: string; updatedAt: number } | undefined;
    return row ? { menu: JSON.parse(row.json) as MenuDto, updatedAt: row.updatedAt } : null;
  }

  draftSave(accountId: string, menu: MenuDto): MenuDraftDto {
    if (!this.s.account.get(accountId)) throw new AppError('not_found', `No account ${accountId}`);
    const updatedAt = this.clock.now();
    this.s.put.run(accountId, JSON.stringify(menu), updatedAt);
    return { menu, updatedAt };
  }

  draftDelete(accountId: string): { deleted: boolean } {
    return { deleted: this.s.del.run(accountId).changes > 0 };
  }
}

export function menuHandlers(menu: MenuService): AreaHandlers<'menu.'> {
  return {
    'menu.get': (i) => menu.get(i.accountId),
    'menu.validate': (i) => menu.validate(i.menu, i.accountId),
    'menu.publish': (i) => menu.publish(i.accountId, i.menu),
    'menu.delete': (i) => menu.delete(i.accountId),
    'menu.draftGet': (i) => ({ draft: menu.draftGet(i.accountId) }),
    'menu.draftSave': (i) => menu.draftSave(i.accountId, i.menu),
    'menu.draftDelete': (i) => menu.draftDelete(i.accountId),
  };
}
