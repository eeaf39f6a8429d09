import type { SandboxContext, SandboxRoute } from './sandbox-context';
import { checkMenu } from './menu-rules';

type Btn = Record<string, unknown> & { sub_button?: Btn[] };

/** §7.1: get_current_selfmenu_info wraps sub-buttons as `sub_button: { list: [...] }`. */
function toSelfMenu(b: Btn): Record<string, unknown> {
  const { sub_button, ...rest } = b;
  return sub_button ? { name: rest.name, sub_button: { list: sub_button.map(toSelfMenu) } } : rest;
}

/** §7: menu create/get/delete and get_current_selfmenu_info. */
export function menuRoutes(ctx: SandboxContext): Record<string, SandboxRoute> {
  const s = {
    get: ctx.db.prepare('SELECT json FROM menus WHERE appid = ?'),
    put: ctx.db.prepare(
      'INSERT INTO menus (appid, json, updated_at) VALUES (?, ?, ?) ON CONFLICT(appid) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at',
    ),
    del: ctx.db.prepare('DELETE FROM menus WHERE appid = ?'),
  };
  const menuOf = (appid: string) => {
    const row = s.get.get(appid) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as { button: Btn[] }) : undefined;
  };
  return {
    'POST /cgi-bin/menu/create': (req) => {
      const appid = ctx.authorize(req, 'menu/create');
      const problem = checkMenu(req.body);
      if (problem) throw ctx.err(problem[0], problem[1]);
      s.put.run(appid, JSON.stringify({ button: (req.body as { button: unknown }).button }), ctx.now());
      return { errcode: 0, errmsg: 'ok' };
    },
    'GET /cgi-bin/menu/get': (req) => {
      const menu = menuOf(ctx.authorize(req, 'menu/get'));
      if (!menu) throw ctx.err(46003, 'menu no exist');
      return { menu };
    },
    'GET /cgi-bin/menu/delete': (req) => {
      s.del.run(ctx.authorize(req, 'menu/delete'));
      return { errcode: 0, errmsg: 'ok' };
    },
    'GET /cgi-bin/get_current_selfmenu_info': (req) => {
      const menu = menuOf(ctx.authorize(req));
      if (!menu) return { is_menu_open: 0 };
      return { is_menu_open: 1, selfmenu_info: { button: menu.button.map(toSelfMenu) } };
    },
  };
}
