/**
 * Fills a data dir's callback log with realistic entries through core's own repository
 * (CallbackLogRepo on a database opened with core's migrations), for UI benchmarks and big-list
 * tests. Run it while no MPDesk process has the data dir open.
 */
import path from 'node:path';
import type { CallbackLogRecord } from '../../src/core/store/repos/callback-log-repo';
import { CallbackLogRepo } from '../../src/core/store/repos/callback-log-repo';
import { MIGRATIONS } from '../../src/core/store/migrations';
import { openDatabase } from '../../src/core/store/open-database';
import { itemAt } from './indexed';

export interface SeedAccount {
  id: string;
  callbackSlug: string;
}

export interface SeedOptions {
  count: number;
  account: SeedAccount;
  /** Time of the newest entry (epoch ms); entries are `spacingMs` apart going back. Default: now. */
  newestAt?: number;
  spacingMs?: number;
}

/** A log record's fields for a request that was never read as a message (refused, or a GET). */
export const NOT_A_MESSAGE = {
  parsed: null,
  msgType: null,
  event: null,
  openid: null,
  dedupeKey: null,
  dedupe: 'none',
  matched: null,
  replyPlain: null,
} as const satisfies Partial<CallbackLogRecord>;

const EVENTS = ['subscribe', 'CLICK', 'VIEW', 'SCAN', 'LOCATION', 'unsubscribe'];

/** Deterministic pseudo-random numbers (mulberry32), so every run seeds the same log. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedCallbacks(dataDir: string, opts: SeedOptions): { first: number; last: number } {
  const db = openDatabase(path.join(dataDir, 'mpdesk.sqlite'), MIGRATIONS);
  try {
    const repo = new CallbackLogRepo(db);
    const rand = rng(42);
    const spacing = opts.spacingMs ?? 20;
    const newest = opts.newestAt ?? Date.now();
    const slug = opts.account.callbackSlug;
    const toUser = 'gh_0123456789ab';
    let first = 0;
    let last = 0;
    let lastFirstDelivery: CallbackLogRecord | undefined;
    const insertAll = db.transaction(() => {
      for (let i = 0; i < opts.count; i++) {
        const id = repo.allocateId();
        if (!first) first = id;
        last = id;
        const at = newest - (opts.count - 1 - i) * spacing;
        const created = Math.floor(at / 1000);
        const openid = `oBench${String(Math.floor(rand() * 500)).padStart(4, '0')}xYz`;
        const roll = rand();
        const query = {
          signature: id.toString(16).padStart(40, '0'),
          timestamp: String(created),
          nonce: String(100000 + (id % 900000)),
          openid,
        };
        const base = {
          id,
          accountId: opts.account.id,
          slug,
          at,
          source: 'wechat' as const,
          method: 'POST',
          path: `/wx/${slug}`,
          query: JSON.stringify(query),
          headers: JSON.stringify({ 'content-type': 'text/xml', 'user-agent': 'Mozilla/4.0' }),
          decryptedXml: null,
          upstream: null,
          detail: null,
        };
        const timings = (handle: number) => ({
          read: +(0.05 + rand() * 0.3).toFixed(3),
          verify: +(0.02 + rand() * 0.05).toFixed(3),
          parse: +(0.05 + rand() * 0.1).toFixed(3),
          handle: +handle.toFixed(3),
          build: +(0.02 + rand() * 0.05).toFixed(3),
          record: +(0.1 + rand() * 0.2).toFixed(3),
          write: +(0.05 + rand() * 0.1).toFixed(3),
        });
        let rec: CallbackLogRecord;
        if (roll < 0.03) {
          // A forged or misconfigured request: rejected at the signature check.
          const body = `<xml><ToUserName><![CDATA[${toUser}]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${created}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[?]]></Content></xml>`;
          rec = {
            ...base,
            exchangeId: null,
            delivery: 1,
            rawBody: Buffer.from(body),
            ...NOT_A_MESSAGE,
            replyBody: Buffer.from('invalid signature'),
            status: 401,
            outcome: 'rejected',
            reason: 'bad_signature',
            detail: 'signature does not match the Token',
            timings: JSON.stringify({ read: 0.1, verify: 0.05 }),
            totalMs: 0.2,
          };
        } else if (roll < 0.08 && lastFirstDelivery) {
          // WeChat's retry of the previous message: answered from the exchange.
          const f = lastFirstDelivery;
          rec = {
            ...f,
            id,
            at,
            delivery: 2,
            dedupe: 'retry',
            outcome: 'duplicate',
            reason: 'retry_replayed',
            timings: JSON.stringify({ read: 0.1, verify: 0.03, parse: 0.05, record: 0.1, write: 0.05 }),
            totalMs: 0.4,
          };
        } else {
          const kind = rand();
          let fields: string;
          let msgType: string;
          let event: string | null = null;
          if (kind < 0.72) {
            msgType = 'text';
            fields = `<Content><![CDATA[message ${i} keyword${i % 50}]]></Content><MsgId>${7_000_000_000_000_000_000n + BigInt(id)}</MsgId>`;
          } else if (kind < 0.8) {
            msgType = 'image';
            fields = `<PicUrl><![CDATA[http://mmbiz.qpic.cn/${id}.jpg]]></PicUrl><MediaId><![CDATA[media_${id}]]></MediaId><MsgId>${7_000_000_000_000_000_000n + BigInt(id)}</MsgId>`;
          } else {
            msgType = 'event';
            event = itemAt(EVENTS, Math.floor(rand() * EVENTS.length));
            fields = `<Event><![CDATA[${event}]]></Event><EventKey><![CDATA[KEY_${i % 20}]]></EventKey>`;
          }
          const body = `<xml><ToUserName><![CDATA[${toUser}]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${created}</CreateTime><MsgType><![CDATA[${msgType}]]></MsgType>${fields}</xml>`;
          const late = rand() < 0.02;
          const replied = msgType === 'text' && !late && rand() < 0.5;
          const reply = replied
            ? `<xml><ToUserName><![CDATA[${openid}]]></ToUserName><FromUserName><![CDATA[${toUser}]]></FromUserName><CreateTime>${created}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[reply ${i}]]></Content></xml>`
            : 'success';
          const handle = late ? 4500 : 0.1 + rand() * 3;
          const key = event ? `${openid}|${created}|${event}|KEY_${i % 20}` : `msg:${id}`;
          rec = {
            ...base,
            exchangeId: id,
            delivery: 1,
            rawBody: Buffer.from(body),
            parsed: JSON.stringify({
              type: msgType,
              msgType,
              fromUserName: openid,
              toUserName: toUser,
              createTime: created,
            }),
            msgType,
            event,
            openid,
            dedupeKey: key,
            dedupe: 'first',
            matched: replied ? 'rule:bench' : null,
            replyPlain: reply,
            replyBody: Buffer.from(reply),
            status: 200,
            outcome: late ? 'late' : 'ok',
            reason: late ? 'deadline_passed' : replied ? 'replied' : 'acknowledged',
            timings: JSON.stringify(timings(handle)),
            totalMs: +(handle + 0.6).toFixed(3),
          };
          lastFirstDelivery = rec;
        }
        repo.insert(rec);
      }
    });
    insertAll();
    return { first, last };
  } finally {
    db.close();
  }
}
