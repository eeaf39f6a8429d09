import { str, type SandboxContext, type SandboxRoute } from './sandbox-context';
import { USER_GET_PAGE } from './routes-users';

/** §9: ids 0, 1 and 2 are the system's; 星标组 (2) is the one tags/get lists. */
const SYSTEM_TAGS = new Set([0, 1, 2]);
export const STARRED_TAG = { id: 2, name: '星标组' };
/** §9: at most 100 tags an account, names up to 30 characters, 50 openids a batch. */
const MAX_TAGS = 100;
const MAX_NAME = 30;
const TAG_BATCH = 50;
/** §9 (unconfirmed, §15): a fan carries at most 20 tags; a tag with more than 100 000 fans cannot be deleted. */
const MAX_TAGS_PER_FAN = 20;
const MAX_DELETABLE = 100_000;
/** §9 (unconfirmed, §15): batchblacklist and batchunblacklist take at most 20 openids. */
const BLACKLIST_BATCH = 20;
/** The first id a created tag gets (WeChat's own start at 100). */
const FIRST_TAG_ID = 100;

/**
 * §9 tags (create, rename, delete, members in batches, a fan's tags, a tag's fans) and the blacklist
 * (pages, batches). Errors are WeChat's tag codes: 45157 bad or duplicate name, 45158 name too long,
 * 45056 too many tags, 45058 a system tag, 45159 no such tag, 45057 too many fans to delete, 45059 a fan
 * with too many tags, 40032 a list of the wrong size, 40003 an openid that is not this account's.
 */
export function tagRoutes(ctx: SandboxContext): Record<string, SandboxRoute> {
  const db = ctx.db;
  const s = {
    tags: db.prepare('SELECT id, name FROM tags WHERE appid = ? ORDER BY id'),
    tag: db.prepare('SELECT id, name FROM tags WHERE appid = ? AND id = ?'),
    byName: db.prepare('SELECT id FROM tags WHERE appid = ? AND name = ?'),
    nextId: db.prepare(
      `SELECT max(${FIRST_TAG_ID - 1}, coalesce(max(id), 0)) + 1 AS id FROM tags WHERE appid = ?`,
    ),
    insert: db.prepare('INSERT INTO tags (appid, id, name) VALUES (?, ?, ?)'),
    rename: db.prepare('UPDATE tags SET name = ? WHERE appid = ? AND id = ?'),
    remove: db.prepare('DELETE FROM tags WHERE appid = ? AND id = ?'),
    counts: db.prepare(
      `SELECT j.value AS id, count(*) AS n FROM fans, json_each(fans.tagid_list) j
       WHERE fans.appid = ? AND fans.subscribe = 1 AND fans.tagid_list <> '[]' GROUP BY j.value`,
    ),
    fan: db.prepare('SELECT seq, tagid_list AS tagidList FROM fans WHERE appid = ? AND openid = ?'),
    setTags: db.prepare('UPDATE fans SET tagid_list = ? WHERE appid = ? AND openid = ?'),
    untagAll: db.prepare(
      `UPDATE fans SET tagid_list = (SELECT json_group_array(value) FROM json_each(fans.tagid_list) WHERE value <> ?)
       WHERE appid = ? AND EXISTS (SELECT 1 FROM json_each(fans.tagid_list) WHERE value = ?)`,
    ),
    tagged: db
      .prepare(
        `SELECT openid FROM fans WHERE appid = ? AND subscribe = 1 AND seq > ? AND tagid_list <> '[]'
         AND EXISTS (SELECT 1 FROM json_each(fans.tagid_list) WHERE value = ?) ORDER BY seq LIMIT ?`,
      )
      .pluck(),
    blackPage: db
      .prepare('SELECT openid FROM fans WHERE appid = ? AND blacklisted = 1 AND seq > ? ORDER BY seq LIMIT ?')
      .pluck(),
    blackTotal: db.prepare('SELECT count(*) AS n FROM fans WHERE appid = ? AND blacklisted = 1'),
    setBlack: db.prepare('UPDATE fans SET blacklisted = ? WHERE appid = ? AND openid = ?'),
  };

  const tagOf = (appid: string, id: unknown) => {
    const n = typeof id === 'number' ? id : Number(id);
    if (!Number.isInteger(n)) throw ctx.err(45159, 'invalid tag id');
    if (n === STARRED_TAG.id) return STARRED_TAG;
    const t = s.tag.get(appid, n) as { id: number; name: string } | undefined;
    if (!t) throw ctx.err(45159, 'invalid tag id');
    return t;
  };
  const checkName = (appid: string, name: string | undefined, self?: number) => {
    if (!name || !name.trim()) throw ctx.err(45157, 'invalid tag name');
    if ([...name].length > MAX_NAME) throw ctx.err(45158, 'tag name too long');
    const dup =
      name === STARRED_TAG.name ? STARRED_TAG : (s.byName.get(appid, name) as { id: number } | undefined);
    if (dup && dup.id !== self) throw ctx.err(45157, 'invalid tag name: the name is already used');
    return name;
  };
  const tagBody = (b: Record<string, unknown> | undefined) =>
    (b?.tag && typeof b.tag === 'object' ? b.tag : {}) as { id?: unknown; name?: unknown };
  const fanOf = (appid: string, o: unknown) => {
    const openid = str(o);
    const f = openid ? (s.fan.get(appid, openid) as { tagidList: string } | undefined) : undefined;
    if (!openid || !f) throw ctx.err(40003, 'invalid openid');
    return { openid, tags: JSON.parse(f.tagidList) as number[] };
  };
  /** The fans of `list`, each checked before anything changes (a batch is all or nothing). */
  const fansOf = (appid: string, list: unknown, max: number) => {
    if (!Array.isArray(list) || list.length === 0 || list.length > max) {
      throw ctx.err(40032, 'invalid openid list size');
    }
    return list.map((o) => fanOf(appid, o));
  };
  /** A page of openids after `begin` (an openid, or empty for the first page), 10 000 at most. */
  const pageAfter = (appid: string, begin: string | undefined, read: (after: number) => string[]) => {
    let after = 0;
    if (begin) {
      const f = s.fan.get(appid, begin) as { seq: number } | undefined;
      if (!f) throw ctx.err(40003, 'invalid next_openid');
      after = f.seq;
    }
    const ids = read(after);
    if (!ids.length) return { count: 0, next_openid: '' };
    return { count: ids.length, data: { openid: ids }, next_openid: ids[ids.length - 1] };
  };

  return {
    'GET /cgi-bin/tags/get': (req) => {
      const appid = ctx.authorize(req);
      const counts = new Map(
        (s.counts.all(appid) as { id: number; n: number }[]).map((r) => [Number(r.id), r.n]),
      );
      const all = [STARRED_TAG, ...(s.tags.all(appid) as { id: number; name: string }[])];
      return { tags: all.map((t) => ({ ...t, count: counts.get(t.id) ?? 0 })) };
    },
    'POST /cgi-bin/tags/create': (req) => {
      const appid = ctx.authorize(req);
      const name = checkName(appid, str(tagBody(req.body).name));
      if ((s.tags.all(appid) as unknown[]).length >= MAX_TAGS) throw ctx.err(45056, 'too many tags');
      const id = (s.nextId.get(appid) as { id: number }).id;
      s.insert.run(appid, id, name);
      return { tag: { id, name } };
    },
    'POST /cgi-bin/tags/update': (req) => {
      const appid = ctx.authorize(req);
      const body = tagBody(req.body);
      if (SYSTEM_TAGS.has(Number(body.id))) throw ctx.err(45058, 'can not modify the system tags');
      const tag = tagOf(appid, body.id);
      s.rename.run(checkName(appid, str(body.name), tag.id), appid, tag.id);
      return { errcode: 0, errmsg: 'ok' };
    },
    'POST /cgi-bin/tags/delete': (req) => {
      const appid = ctx.authorize(req);
      const body = tagBody(req.body);
      if (SYSTEM_TAGS.has(Number(body.id))) throw ctx.err(45058, 'can not modify the system tags');
      const tag = tagOf(appid, body.id);
      const counts = s.counts.all(appid) as { id: number; n: number }[];
      if ((counts.find((c) => Number(c.id) === tag.id)?.n ?? 0) > MAX_DELETABLE) {
        throw ctx.err(45057, 'can not delete the tag that has too many fans');
      }
      db.transaction(() => {
        s.untagAll.run(tag.id, appid, tag.id);
        s.remove.run(appid, tag.id);
      })();
      return { errcode: 0, errmsg: 'ok' };
    },
    'POST /cgi-bin/tags/members/batchtagging': (req) => {
      const appid = ctx.authorize(req);
      const tag = tagOf(appid, req.body?.tagid);
      const fans = fansOf(appid, req.body?.openid_list, TAG_BATCH);
      if (fans.some((f) => !f.tags.includes(tag.id) && f.tags.length >= MAX_TAGS_PER_FAN)) {
        throw ctx.err(45059, 'tag list of the fan is full');
      }
      db.transaction(() => {
        for (const f of fans) {
          if (!f.tags.includes(tag.id)) s.setTags.run(JSON.stringify([...f.tags, tag.id]), appid, f.openid);
        }
      })();
      return { errcode: 0, errmsg: 'ok' };
    },
    'POST /cgi-bin/tags/members/batchuntagging': (req) => {
      const appid = ctx.authorize(req);
      const tag = tagOf(appid, req.body?.tagid);
      const fans = fansOf(appid, req.body?.openid_list, TAG_BATCH);
      db.transaction(() => {
        for (const f of fans) {
          if (f.tags.includes(tag.id)) {
            s.setTags.run(JSON.stringify(f.tags.filter((t) => t !== tag.id)), appid, f.openid);
          }
        }
      })();
      return { errcode: 0, errmsg: 'ok' };
    },
    'POST /cgi-bin/tags/getidlist': (req) => {
      const appid = ctx.authorize(req);
      return { tagid_list: fanOf(appid, req.body?.openid).tags };
    },
    'POST /cgi-bin/user/tag/get': (req) => {
      const appid = ctx.authorize(req);
      const tag = tagOf(appid, req.body?.tagid);
      return pageAfter(
        appid,
        str(req.body?.next_openid),
        (after) => s.tagged.all(appid, after, tag.id, USER_GET_PAGE) as string[],
      );
    },
    'POST /cgi-bin/tags/members/getblacklist': (req) => {
      const appid = ctx.authorize(req);
      const total = (s.blackTotal.get(appid) as { n: number }).n;
      const page = pageAfter(
        appid,
        str(req.body?.begin_openid),
        (after) => s.blackPage.all(appid, after, USER_GET_PAGE) as string[],
      );
      return { total, ...page };
    },
    'POST /cgi-bin/tags/members/batchblacklist': (req) => {
      const appid = ctx.authorize(req);
      const fans = fansOf(appid, req.body?.openid_list, BLACKLIST_BATCH);
      db.transaction(() => fans.forEach((f) => s.setBlack.run(1, appid, f.openid)))();
      return { errcode: 0, errmsg: 'ok' };
    },
    'POST /cgi-bin/tags/members/batchunblacklist': (req) => {
      const appid = ctx.authorize(req);
      const fans = fansOf(appid, req.body?.openid_list, BLACKLIST_BATCH);
      db.transaction(() => fans.forEach((f) => s.setBlack.run(0, appid, f.openid)))();
      return { errcode: 0, errmsg: 'ok' };
    },
  };
}
