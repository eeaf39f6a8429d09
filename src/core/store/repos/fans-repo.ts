import type Database from 'better-sqlite3';
import type { Page } from '../../../shared/api/areas/common';
import type { FanDto, FanTagDto } from '../../../shared/api/areas/fans';
import { cursorOf, fanOrder, fanWhere, narrows, type FanFilter } from './fan-query';
import { pageOf } from './page-of';
import { statementCache } from './statement-cache';

/** What user/info says of a fan (docs/wechat-protocol.md §9), as the store keeps it. */
export interface FanInfo {
  openid: string;
  subscribed: boolean;
  /** epoch ms */
  subscribeTime?: number;
  subscribeScene?: string;
  qrSceneStr?: string;
  language?: string;
  remark?: string;
  tagIds?: number[];
  unionid?: string;
}

/** What web OAuth's userinfo says of a fan (§8.5). */
export interface FanProfile {
  openid: string;
  unionid?: string | null;
  nickname?: string | null;
  headimgurl?: string | null;
}

const COLS = `f.id, f.openid, f.unionid, f.subscribed, f.subscribe_time AS subscribeTime,
  f.subscribe_scene AS subscribeScene, f.qr_scene_str AS qrSceneStr, f.language, f.remark, f.tag_ids AS tagIds,
  f.blacklisted, f.nickname, f.headimgurl, f.first_seen AS firstSeen, f.last_seen AS lastSeen,
  f.last_message_at AS lastMessageAt, f.info_at AS infoAt, f.unread`;

interface FanRow {
  id: number;
  openid: string;
  unionid: string | null;
  subscribed: number;
  subscribeTime: number;
  subscribeScene: string | null;
  qrSceneStr: string | null;
  language: string | null;
  remark: string;
  tagIds: string;
  blacklisted: number;
  nickname: string | null;
  headimgurl: string | null;
  firstSeen: number;
  lastSeen: number;
  lastMessageAt: number | null;
  infoAt: number | null;
  unread: number;
}

function toDto(r: FanRow): FanDto {
  const dto: FanDto = {
    openid: r.openid,
    subscribed: r.subscribed === 1,
    remark: r.remark,
    tagIds: JSON.parse(r.tagIds) as number[],
    blacklisted: r.blacklisted === 1,
    firstSeen: r.firstSeen,
    unread: r.unread,
  };
  if (r.unionid) dto.unionid = r.unionid;
  if (r.subscribeTime) dto.subscribeTime = r.subscribeTime;
  if (r.subscribeScene) dto.subscribeScene = r.subscribeScene;
  if (r.qrSceneStr) dto.qrSceneStr = r.qrSceneStr;
  if (r.language) dto.language = r.language;
  if (r.nickname) dto.nickname = r.nickname;
  if (r.headimgurl) dto.headimgurl = r.headimgurl;
  if (r.lastSeen) dto.lastSeen = r.lastSeen;
  if (r.lastMessageAt) dto.lastMessageAt = r.lastMessageAt;
  if (r.infoAt) dto.infoAt = r.infoAt;
  return dto;
}

/**
 * A filter that leaves at most this many fans is read by finding them first and sorting them; a
 * looser one by walking the order's index until the page is full (matches come often enough).
 */
const SPARSE = 1_000;

/** §9: 0, 1 and 2 are WeChat's own tags. */
export const isSystemTag = (id: number) => id <= 2;

/**
 * The fans table (store/migrations/020): reads for the Fans screen (filters, FTS5 search, keyset
 * pages with totals), and the writes of a sync, of user/info, OAuth profiles, tags and the blacklist.
 */
export class FansRepo {
  private readonly s;
  private readonly statement: (sql: string) => Database.Statement;
  private readonly applyTx: (
    accountId: string,
    infos: readonly FanInfo[],
    now: number,
    gen: number | null,
  ) => void;

  constructor(private readonly db: Database.Database) {
    this.statement = statementCache(db);
    this.s = {
      get: db.prepare(`SELECT ${COLS} FROM fans f WHERE f.account_id = ? AND f.openid = ?`),
      info: db.prepare(`INSERT INTO fans (account_id, openid, unionid, subscribed, subscribe_time, subscribe_scene,
          qr_scene_str, language, remark, tag_ids, first_seen, info_at, stale, listed_gen)
        VALUES (@accountId, @openid, @unionid, 1, @subscribeTime, @subscribeScene, @qrSceneStr, @language, @remark,
          @tagIds, @now, @now, 0, ifnull(@gen, 0))
        ON CONFLICT (account_id, openid) DO UPDATE SET unionid = coalesce(excluded.unionid, unionid), subscribed = 1,
          subscribe_time = excluded.subscribe_time, subscribe_scene = excluded.subscribe_scene,
          qr_scene_str = excluded.qr_scene_str, language = excluded.language, remark = excluded.remark,
          tag_ids = excluded.tag_ids, info_at = excluded.info_at, stale = 0, unsubscribed_at = NULL,
          listed_gen = ifnull(@gen, listed_gen)`),
      gone: db.prepare(`INSERT INTO fans (account_id, openid, subscribed, first_seen, info_at, stale, unsubscribed_at)
        VALUES (?, ?, 0, ?, ?, 0, ?)
        ON CONFLICT (account_id, openid) DO UPDATE SET subscribed = 0, info_at = excluded.info_at, stale = 0,
          unsubscribed_at = coalesce(unsubscribed_at, excluded.unsubscribed_at)`),
      remark: db.prepare('UPDATE fans SET remark = ? WHERE account_id = ? AND openid = ?'),
      blacklist: db.prepare('UPDATE fans SET blacklisted = ? WHERE account_id = ? AND openid = ?'),
      tagIds: db.prepare('SELECT tag_ids FROM fans WHERE account_id = ? AND openid = ?').pluck(),
      setTagIds: db.prepare('UPDATE fans SET tag_ids = ? WHERE account_id = ? AND openid = ?'),
      dropTag:
        db.prepare(`UPDATE fans SET tag_ids = (SELECT json_group_array(value) FROM json_each(fans.tag_ids)
          WHERE value <> ?)
        WHERE id IN (SELECT fan_id FROM fan_tags WHERE account_id = ? AND tag_id = ?)`),
      profile: db.prepare(`INSERT INTO fans (account_id, openid, unionid, subscribed, nickname, headimgurl,
          profile_at, first_seen, stale)
        SELECT @accountId, @openid, @unionid, 0, @nickname, @headimgurl, @now, @now, 1
        WHERE EXISTS (SELECT 1 FROM accounts WHERE id = @accountId)
        ON CONFLICT (account_id, openid) DO UPDATE SET unionid = coalesce(excluded.unionid, unionid),
          nickname = coalesce(excluded.nickname, nickname), headimgurl = coalesce(excluded.headimgurl, headimgurl),
          profile_at = excluded.profile_at`),
      tagDefs: db.prepare('SELECT id, name FROM fan_tag_defs WHERE account_id = ? ORDER BY id'),
      tagCounts: db.prepare(
        'SELECT tag_id AS id, count(*) AS n FROM fan_tags WHERE account_id = ? GROUP BY tag_id',
      ),
      clearTagDefs: db.prepare('DELETE FROM fan_tag_defs WHERE account_id = ?'),
      putTagDef: db.prepare(`INSERT INTO fan_tag_defs (account_id, id, name) VALUES (?, ?, ?)
        ON CONFLICT (account_id, id) DO UPDATE SET name = excluded.name`),
      deleteTagDef: db.prepare('DELETE FROM fan_tag_defs WHERE account_id = ? AND id = ?'),
      indexFts: db.prepare(`INSERT INTO fans_fts (rowid, remark, nickname, openid)
        SELECT id, remark, nickname, openid FROM fans WHERE id > (SELECT fan_id FROM fan_index_mark)`),
      indexTags: db.prepare(`INSERT OR IGNORE INTO fan_tags (account_id, tag_id, fan_id)
        SELECT f.account_id, j.value, f.id FROM fans f, json_each(f.tag_ids) j
        WHERE f.id > (SELECT fan_id FROM fan_index_mark) AND f.tag_ids <> '[]'`),
      indexed: db.prepare(`UPDATE fan_index_mark SET fan_id = (SELECT coalesce(max(id), 0) FROM fans)
        WHERE fan_id < (SELECT coalesce(max(id), 0) FROM fans)`),
    };
    this.applyTx = db.transaction(
      (accountId: string, infos: readonly FanInfo[], now: number, gen: number | null) =>
        this.applyOnce(accountId, infos, now, gen),
    );
  }

  /** A page of the filter, with its total; `cursor` is the previous page's `nextCursor`. */
  list(f: FanFilter, limit: number, cursor?: string): Page<FanDto> {
    const ids = this.sparseIds(f);
    return { ...this.page(f, limit, cursor, ids), total: ids ? ids.length : this.count(f) };
  }

  /**
   * The ids of the filter's fans when it narrows them to SPARSE or fewer, else null. One scan that
   * stops at SPARSE + 1 matches: a sparse filter needs no other (its total is the list's length), a
   * loose one stops early.
   */
  sparseIds(f: FanFilter): number[] | null {
    if (!narrows(f)) return null;
    const where = fanWhere(f, 'm');
    const ids = this.statement(`SELECT m.id FROM fans m WHERE ${where.sql} LIMIT ${SPARSE + 1}`)
      .pluck()
      .all(...where.params) as number[];
    return ids.length <= SPARSE ? ids : null;
  }

  /**
   * A page without its total. Sparse (`ids` given): the order's index is walked against that set,
   * with no row read per index entry. Otherwise the order's index is walked and each row tested, which
   * stops as soon as the page is full (matches come often enough).
   */
  page(f: FanFilter, limit: number, cursor: string | undefined, ids: number[] | null): Page<FanDto> {
    const order = fanOrder(f, cursor);
    const where = ids
      ? {
          sql: 'f.account_id = ? AND f.id IN (SELECT value FROM json_each(?))',
          params: [f.accountId, JSON.stringify(ids)],
        }
      : fanWhere(f);
    const sql = `SELECT ${COLS}, ${order.col} AS sortValue FROM fans f WHERE ${where.sql}
      ${order.after ? `AND ${order.after.sql}` : ''} ORDER BY ${order.orderBy} LIMIT ?`;
    const rows = this.statement(sql).all(
      ...where.params,
      ...(order.after?.params ?? []),
      limit + 1,
    ) as (FanRow & {
      sortValue: number;
    })[];
    const { items, nextCursor } = pageOf(rows, limit, (last) => cursorOf(last.sortValue, last.id));
    const page: Page<FanDto> = { items: items.map(toDto) };
    if (nextCursor !== undefined) page.nextCursor = nextCursor;
    return page;
  }

  count(f: FanFilter): number {
    const where = fanWhere(f);
    return this.statement(`SELECT count(*) FROM fans f WHERE ${where.sql}`)
      .pluck()
      .get(...where.params) as number;
  }

  get(accountId: string, openid: string): FanDto | undefined {
    const r = this.s.get.get(accountId, openid) as FanRow | undefined;
    return r && toDto(r);
  }

  /**
   * Puts the fans inserted since the last call into the full-text index and fan_tags (store/migrations
   * /020): every transaction that inserts fans calls it before it ends, and before anything updates a
   * row it inserted.
   */
  indexNew(): void {
    this.s.indexFts.run();
    this.s.indexTags.run();
    this.s.indexed.run();
  }

  /**
   * user/info answers, in the caller's transaction (a sync batch, `gen` the sync that listed them) or
   * alone. Each openid once.
   */
  applyInfos(accountId: string, infos: readonly FanInfo[], now: number, gen: number | null = null): void {
    this.applyTx(accountId, infos, now, gen);
  }

  private applyOnce(accountId: string, infos: readonly FanInfo[], now: number, gen: number | null): void {
    for (const i of infos) {
      if (!i.subscribed) {
        this.s.gone.run(accountId, i.openid, now, now, now);
        continue;
      }
      this.s.info.run({
        accountId,
        openid: i.openid,
        unionid: i.unionid ?? null,
        subscribeTime: i.subscribeTime ?? 0,
        subscribeScene: i.subscribeScene ?? null,
        qrSceneStr: i.qrSceneStr || null,
        language: i.language ?? null,
        remark: i.remark ?? '',
        tagIds: JSON.stringify(i.tagIds ?? []),
        now,
        gen,
      });
    }
    this.indexNew();
  }

  profile(accountId: string, p: FanProfile, now: number): void {
    this.db.transaction(() => {
      this.s.profile.run({
        accountId,
        openid: p.openid,
        unionid: p.unionid || null,
        nickname: p.nickname || null,
        headimgurl: p.headimgurl || null,
        now,
      });
      this.indexNew();
    })();
  }

  setRemark(accountId: string, openid: string, remark: string): void {
    this.s.remark.run(remark, accountId, openid);
  }

  setBlacklisted(accountId: string, openids: readonly string[], blacklisted: boolean): void {
    this.db.transaction(() => {
      for (const o of openids) this.s.blacklist.run(blacklisted ? 1 : 0, accountId, o);
    })();
  }

  /** Adds or removes one tag on fans (what members/batchtagging did on WeChat's side). */
  setTagged(accountId: string, openids: readonly string[], tagId: number, tagged: boolean): void {
    this.db.transaction(() => {
      for (const o of openids) {
        const raw = this.s.tagIds.get(accountId, o) as string | undefined;
        if (raw === undefined) continue;
        const ids = (JSON.parse(raw) as number[]).filter((t) => t !== tagId);
        if (tagged) ids.push(tagId);
        this.s.setTagIds.run(JSON.stringify(ids), accountId, o);
      }
    })();
  }

  tags(accountId: string): FanTagDto[] {
    const counts = new Map(
      (this.s.tagCounts.all(accountId) as { id: number; n: number }[]).map((r) => [r.id, r.n]),
    );
    return (this.s.tagDefs.all(accountId) as { id: number; name: string }[]).map((t) => ({
      ...t,
      count: counts.get(t.id) ?? 0,
      system: isSystemTag(t.id),
    }));
  }

  hasTagDefs(accountId: string): boolean {
    return this.s.tagDefs.all(accountId).length > 0;
  }

  /** tags/get's list replaces what the store knew. */
  replaceTagDefs(accountId: string, defs: readonly { id: number; name: string }[]): void {
    this.db.transaction(() => {
      this.s.clearTagDefs.run(accountId);
      for (const d of defs) this.s.putTagDef.run(accountId, d.id, d.name);
    })();
  }

  putTagDef(accountId: string, id: number, name: string): void {
    this.s.putTagDef.run(accountId, id, name);
  }

  /** A deleted tag leaves every fan that had it (as WeChat does). */
  deleteTagDef(accountId: string, id: number): void {
    this.db.transaction(() => {
      this.s.dropTag.run(id, accountId, id);
      this.s.deleteTagDef.run(accountId, id);
    })();
  }
}
