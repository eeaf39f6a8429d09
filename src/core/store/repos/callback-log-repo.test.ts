import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { record } from '../../../../test/helpers/callback-records';
import { tempDir } from '../../../../test/helpers/temp-dir';
import { reparseLogged } from './logged-message';
import { MIGRATIONS } from '../migrations';
import { openDatabase } from '../open-database';
import { CallbackLogRepo, INSERT_COLS, PARSED_ON_READ, type CallbackLogRecord } from './callback-log-repo';

describe('CallbackLogRepo: the parsed message', () => {
  it('is rebuilt from the row’s XML for new rows, read as stored for older ones, absent when it never parsed', () => {
    const db = openDatabase(path.join(tempDir(), 'db.sqlite'), MIGRATIONS);
    const repo = new CallbackLogRepo(db, reparseLogged);
    repo.insert(record(1, { parsed: PARSED_ON_READ }));
    repo.insert(record(2, { parsed: '{"msgType":"text","content":"as stored"}' }));
    repo.insert(record(3, { parsed: null, outcome: 'rejected', reason: 'bad_signature' }));
    // Safe mode: the message is the decrypted XML, not the envelope in the body.
    const inner = record(0).rawBody.toString().replace('hello', 'from inside');
    repo.insert(record(4, { parsed: PARSED_ON_READ, decryptedXml: inner, rawBody: Buffer.from('<xml/>') }));
    expect(repo.get(1)?.parsed).toMatchObject({ msgType: 'text', content: 'hello', fromUserName: 'oFAN' });
    expect(repo.get(2)?.parsed).toEqual({ msgType: 'text', content: 'as stored' });
    expect(repo.get(3)?.parsed).toBeNull();
    expect(repo.get(4)?.parsed).toMatchObject({ content: 'from inside' });
    db.close();
  });
});

describe('CallbackLogRepo: insert', () => {
  it('writes every record field into the column INSERT_COLS names for it', () => {
    const db = openDatabase(path.join(tempDir(), 'db.sqlite'), MIGRATIONS);
    // A distinct value per field, so a value in the wrong column shows.
    const rec = { ...record(7) } as Record<keyof CallbackLogRecord, unknown>;
    for (const [col, key] of INSERT_COLS) {
      if (typeof rec[key] === 'string' || rec[key] === null) rec[key] = `value of ${col}`;
    }
    Object.assign(rec, { delivery: 3, exchangeId: 5, status: 418, totalMs: 2.5, at: 1234 });
    new CallbackLogRepo(db).insert(rec as CallbackLogRecord);
    const row = db.prepare('SELECT * FROM callback_log WHERE id = 7').get() as Record<string, unknown>;
    for (const [col, key] of INSERT_COLS) expect(row[col], col).toEqual(rec[key]);
    db.close();
  });
});

describe('CallbackLogRepo: the reply body', () => {
  it('is stored once when it is the plain reply’s bytes, and reads back byte-exact either way', () => {
    const db = openDatabase(path.join(tempDir(), 'db.sqlite'), MIGRATIONS);
    const repo = new CallbackLogRepo(db);
    const chinese = '<xml><Content><![CDATA[您好，欢迎关注]]></Content></xml>';
    const cases: [number, string | null, Buffer | string, 'once' | 'blob'][] = [
      [1, record(0).replyPlain, record(0).replyBody, 'once'], // plain mode
      [2, chinese, Buffer.from(chinese), 'once'],
      [3, 'success', Buffer.from('success'), 'once'],
      [4, '', Buffer.alloc(0), 'once'],
      [5, chinese, Buffer.from('<xml><Encrypt><![CDATA[c2FmZQ==]]></Encrypt></xml>'), 'blob'], // safe mode
      [6, null, Buffer.from('bad signature'), 'blob'],
      // Decodes to the same text, but these bytes are not that text's UTF-8: kept as they are.
      [7, '\uFFFD', Buffer.from([0xff]), 'blob'],
      [8, 'a\uFFFD', Buffer.from([0x61, 0xe4, 0xb8]), 'blob'],
      // The listener hands over replies as text (server/pipeline/answer.ts, AnswerBody): the same rules.
      [9, chinese, chinese, 'once'],
      [10, 'success', 'success', 'once'],
      [11, chinese, '<xml><Encrypt><![CDATA[c2FmZQ==]]></Encrypt></xml>', 'blob'],
      [12, null, 'bad signature\n', 'blob'],
    ];
    for (const [id, replyPlain, replyBody] of cases)
      repo.insert(record(id, { replyPlain, replyBody, dedupe: 'first', dedupeKey: `k${id}` }));
    const stored = db
      .prepare(
        `SELECT CASE typeof(reply_body) WHEN 'blob' THEN 'blob' ELSE 'once' END FROM callback_log WHERE id = ?`,
      )
      .pluck();
    for (const [id, replyPlain, replyBody, type] of cases) {
      expect(stored.get(id), `row ${id}`).toBe(type);
      const bytes = Buffer.from(replyBody);
      expect(repo.get(id)?.replyBody, `row ${id}`).toBe(bytes.toString('utf8'));
      expect(repo.get(id)?.replyPlain, `row ${id}`).toBe(replyPlain);
      // A retry is answered from the row: the exact bytes the first delivery sent.
      expect(Buffer.compare(repo.exchangeOf(id, 'acc', `k${id}`)!.replyBody, bytes), `row ${id}`).toBe(0);
    }
    db.close();
  });
});

describe('CallbackLogRepo: exchanges', () => {
  it('are a first delivery and its retries: listed, counted and found by a replay', () => {
    const db = openDatabase(path.join(tempDir(), 'db.sqlite'), MIGRATIONS);
    const repo = new CallbackLogRepo(db);
    const key = { dedupeKey: 'msg:42' };
    repo.insert(record(1, { ...key, dedupe: 'first', exchangeId: 1 }));
    repo.insert(record(2, { dedupe: 'first', exchangeId: 2, dedupeKey: 'msg:43' }));
    repo.insert(record(3, { ...key, dedupe: 'retry', exchangeId: 1, delivery: 2 }));
    repo.insert(record(4, { ...key, dedupe: 'retry', exchangeId: 1, delivery: 3 }));
    repo.insert(record(5, { dedupe: 'none', exchangeId: null }));
    expect(repo.list({ exchangeId: 1 }).items.map((e) => [e.id, e.delivery])).toEqual([
      [4, 3],
      [3, 2],
      [1, 1],
    ]);
    expect(repo.list({ exchangeId: 2 }).items.map((e) => e.id)).toEqual([2]);
    // A retry's own id is not an exchange.
    expect(repo.list({ exchangeId: 3 }).items).toEqual([]);
    expect(repo.explainList({ exchangeId: 1 }).join('\n')).toContain('callback_log_retries_of');
    expect(repo.exchangeOf(4, 'acc', 'msg:42')).toMatchObject({ firstLogId: 1, deliveries: 3 });
    expect(repo.exchangeOf(2, 'acc', 'msg:43')).toMatchObject({ firstLogId: 2, deliveries: 1 });
    expect(repo.recentExchanges(0).map((x) => [x.firstLogId, x.deliveries])).toEqual([
      [1, 3],
      [2, 1],
    ]);
    db.close();
  });
});
