import { str, type SandboxContext, type SandboxRoute } from './sandbox-context';

/** §9: at most 10 000 openids per user/get page, at most 100 per batchget. */
export const USER_GET_PAGE = 10_000;
export const BATCHGET_MAX = 100;

interface FanRow {
  seq: number;
  openid: string;
  subscribe: number;
  subscribeTime: number;
  language: string;
  remark: string;
  tagidList: string;
  subscribeScene: string;
  unionid: string | null;
}

/** §9 users: list, info, batchget, remark (tags and the blacklist are in routes-tags.ts). */
export function userRoutes(ctx: SandboxContext): Record<string, SandboxRoute> {
  const db = ctx.db;
  const COLS = `seq, openid, subscribe, subscribe_time AS subscribeTime, language, remark, tagid_list AS tagidList,
    subscribe_scene AS subscribeScene, unionid`;
  const s = {
    fan: db.prepare(`SELECT ${COLS} FROM fans WHERE appid = ? AND openid = ?`),
    page: db
      .prepare(`SELECT openid FROM fans WHERE appid = ? AND subscribe = 1 AND seq > ? ORDER BY seq LIMIT ?`)
      .pluck(),
    total: db.prepare('SELECT count(*) AS n FROM fans WHERE appid = ? AND subscribe = 1'),
    remark: db.prepare('UPDATE fans SET remark = ? WHERE appid = ? AND openid = ?'),
  };

  const info = (appid: string, openid: string | undefined) => {
    const f = openid ? (s.fan.get(appid, openid) as FanRow | undefined) : undefined;
    if (!f) throw ctx.err(40003, 'invalid openid');
    // §9: a user who does not follow gets `subscribe: 0` and nothing else; no nickname since 2021-12-27.
    if (!f.subscribe) return { subscribe: 0, openid: f.openid };
    return {
      subscribe: 1,
      openid: f.openid,
      language: f.language,
      subscribe_time: f.subscribeTime,
      ...(f.unionid ? { unionid: f.unionid } : {}),
      remark: f.remark,
      groupid: 0,
      tagid_list: JSON.parse(f.tagidList) as number[],
      subscribe_scene: f.subscribeScene,
      qr_scene: 0,
      qr_scene_str: '',
    };
  };

  return {
    'GET /cgi-bin/user/get': (req) => {
      const appid = ctx.authorize(req, 'user/get');
      const next = req.query.get('next_openid');
      let after = 0;
      if (next) {
        const f = s.fan.get(appid, next) as FanRow | undefined;
        if (!f) throw ctx.err(40003, 'invalid next_openid');
        after = f.seq;
      }
      const total = (s.total.get(appid) as { n: number }).n;
      const ids = s.page.all(appid, after, USER_GET_PAGE) as string[];
      // §9 quirk: past the end, count is 0, `data` is absent, next_openid is still returned.
      if (ids.length === 0) return { total, count: 0, next_openid: '' };
      return { total, count: ids.length, data: { openid: ids }, next_openid: ids[ids.length - 1] };
    },
    'GET /cgi-bin/user/info': (req) => {
      const appid = ctx.authorize(req, 'user/info');
      return info(appid, req.query.get('openid') ?? undefined);
    },
    'POST /cgi-bin/user/info/batchget': (req) => {
      const appid = ctx.authorize(req, 'user/info');
      const list = req.body?.user_list;
      if (!Array.isArray(list) || list.length === 0 || list.length > BATCHGET_MAX) {
        throw ctx.err(40032, 'invalid openid list size');
      }
      return { user_info_list: list.map((u) => info(appid, str((u as { openid?: unknown })?.openid))) };
    },
    'POST /cgi-bin/user/info/updateremark': (req) => {
      const appid = ctx.authorize(req, 'user/remark');
      const openid = str(req.body?.openid);
      const remark = str(req.body?.remark);
      if (remark === undefined) throw ctx.err(47001, 'data format error');
      // §9/§15: "remark < 30 chars" is unconfirmed; the sandbox enforces it as the docs say.
      if ([...remark].length >= 30) throw ctx.err(45003, 'remark size out of limit');
      if (!openid || s.remark.run(remark, appid, openid).changes === 0)
        throw ctx.err(40003, 'invalid openid');
      return { errcode: 0, errmsg: 'ok' };
    },
  };
}
