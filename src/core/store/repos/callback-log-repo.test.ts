import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { record } from '../../../../test/helpers/callback-records';
import { tempDir } from '../../../../test/helpers/temp-dir';
import { reparseLogged } from '../../server/logged-message';
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
