import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * Realistic sandbox followers in volume: deterministic for an (appid, seq), CJK and emoji nicknames,
 * openids shaped like WeChat's (28 chars starting with `o`), the subscribe scenes of §9, and what an
 * account's operators give their fans over time: tags (星标组 and a few of their own) and remarks.
 */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉红飞琳云浩宇轩子涵梓晨欣怡一诺思雨';
const WORDS = [
  '小太阳',
  '吃货',
  '追光者',
  '不吃香菜',
  '喵星人',
  '旅行家',
  '咖啡控',
  '早睡早起',
  '奶茶续命',
  'summer',
  'Lucky',
  'Momo',
];
const EMOJI = ['🌸', '😊', '🐱', '🍀', '🌙', '🔥', '🎈', '🍜', '☕', '🐼', '✨', '🦄', '👨‍👩‍👧', '🇨🇳'];
const SCENES = [
  'ADD_SCENE_SEARCH',
  'ADD_SCENE_QR_CODE',
  'ADD_SCENE_PROFILE_CARD',
  'ADD_SCENE_ACCOUNT_MIGRATION',
  'ADD_SCENE_OTHERS',
];
const LANGS = ['zh_CN', 'zh_CN', 'zh_CN', 'zh_TW', 'en'];
/** Tags an operator made (created for the app when fans are generated), with the share of fans in each. */
export const GENERATED_TAGS = [
  { name: 'VIP', every: 8 },
  { name: '老客户', every: 5 },
  { name: '待回访', every: 12 },
] as const;
const REMARK_SUFFIX = ['', ' VIP', '·北京', '·上海', '·深圳', ' 团购', ' 会员', ' 139', '🌟'];

export function fanAt(appid: string, seq: number) {
  const h = createHash('sha256').update(`${appid}:${seq}`).digest();
  // A sha256 digest has 32 bytes, so every offset below is in range (readUInt8 throws otherwise).
  const byte = (offset: number) => h.readUInt8(offset);
  const pick = <T>(table: ArrayLike<T>, offset: number): T => {
    const item = table[byte(offset) % table.length];
    if (item === undefined) throw new Error('fanAt: picked from an empty table');
    return item;
  };
  const openid = `o${h.toString('base64url').slice(0, 27)}`;
  let nickname: string;
  switch (byte(10) % 4) {
    case 0:
      nickname = pick(SURNAMES, 11) + pick(GIVEN, 12) + (byte(13) % 2 ? pick(GIVEN, 14) : '');
      break;
    case 1:
      nickname = pick(WORDS, 11) + pick(EMOJI, 12);
      break;
    case 2:
      nickname = pick(EMOJI, 11) + pick(SURNAMES, 12) + pick(GIVEN, 13) + pick(EMOJI, 14);
      break;
    default:
      nickname = `${pick(WORDS, 11)}_${h.readUInt16BE(15)}`;
  }
  return {
    openid,
    nickname,
    language: pick(LANGS, 17),
    subscribeScene: pick(SCENES, 18),
    // Roughly the last three years, in seconds (§0).
    subscribeTimeOffsetS: h.readUInt32BE(19) % (3 * 365 * 86_400),
    starred: byte(23) % 10 === 0,
    unionid: byte(24) % 2 ? `o6_bm${h.toString('base64url').slice(27, 50)}` : null,
    /** Which of GENERATED_TAGS the fan carries (by index). */
    tags: GENERATED_TAGS.flatMap((t, i) => (byte(25 + i) % t.every === 0 ? [i] : [])),
    remark:
      byte(28) % 6 === 0
        ? `${pick(SURNAMES, 29)}${pick(GIVEN, 30)}${pick(GIVEN, 31)}${pick(REMARK_SUFFIX, 13)}`
        : '',
  };
}

/** The ids of GENERATED_TAGS for the app, creating the tags it lacks (ids from 100, as tags/create). */
function generatedTagIds(db: Database.Database, appid: string): number[] {
  const byName = db.prepare('SELECT id FROM tags WHERE appid = ? AND name = ?').pluck();
  const next = db.prepare('SELECT max(99, coalesce(max(id), 0)) + 1 AS id FROM tags WHERE appid = ?').pluck();
  const insert = db.prepare('INSERT INTO tags (appid, id, name) VALUES (?, ?, ?)');
  return GENERATED_TAGS.map((t) => {
    const known = byName.get(appid, t.name) as number | undefined;
    if (known !== undefined) return known;
    const id = next.get(appid) as number;
    insert.run(appid, id, t.name);
    return id;
  });
}

/** Appends `count` fans after the app's last one, in one transaction; returns the new total. */
export function generateFans(
  db: Database.Database,
  appid: string,
  count: number,
  nowMs: number,
): { added: number; total: number } {
  const last = (
    db.prepare('SELECT coalesce(max(seq), 0) AS s FROM fans WHERE appid = ?').get(appid) as { s: number }
  ).s;
  const insert = db.prepare(
    `INSERT OR IGNORE INTO fans (appid, seq, openid, nickname, subscribe, subscribe_time, language, remark, tagid_list,
       subscribe_scene, unionid)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
  );
  const nowS = Math.floor(nowMs / 1000);
  let added = 0;
  db.transaction(() => {
    const tagIds = generatedTagIds(db, appid);
    for (let seq = last + 1; seq <= last + count; seq++) {
      const f = fanAt(appid, seq);
      const tags = [...(f.starred ? [2] : []), ...f.tags.map((i) => tagIds[i])];
      added += insert.run(
        appid,
        seq,
        f.openid,
        f.nickname,
        nowS - f.subscribeTimeOffsetS,
        f.language,
        f.remark,
        JSON.stringify(tags),
        f.subscribeScene,
        f.unionid,
      ).changes;
    }
  })();
  const total = (db.prepare('SELECT count(*) AS n FROM fans WHERE appid = ?').get(appid) as { n: number }).n;
  return { added, total };
}
