import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { record } from '../../../../test/helpers/callback-records';
import { tempDir } from '../../../../test/helpers/temp-dir';
import { logRowMessages } from '../repos/conversation-messages';
import { openDatabase } from '../open-database';
import { CallbackLogRepo } from '../repos/callback-log-repo';
import { ConversationsRepo } from '../repos/conversations-repo';
import { MIGRATIONS } from './index';

describe('migration 10: conversations read from the callback log', () => {
  it('keeps an existing conversation whole: callback messages come from the log, later replies stay', () => {
    const file = path.join(tempDir(), 'db.sqlite');
    // A database from before step 10: the projection had copied the log's messages.
    const old = openDatabase(
      file,
      MIGRATIONS.filter((m) => m.id < 10),
    );
    const r = record(1);
    old
      .prepare(
        `INSERT INTO callback_log (id, account_id, openid, at, method, path, query, headers, raw_body,
        parsed, dedupe, reply_plain, reply_body, status, outcome, reason, timings, total_ms)
        VALUES (1, 'acc', 'oFAN', 1001, 'POST', '/wx/s', '{}', '{}', ?, ?, 'first', ?, ?, 200, 'ok', 'replied', '{}', 1)`,
      )
      .run(r.rawBody, r.parsed, r.replyPlain, r.replyBody);
    const copy = old.prepare(`INSERT INTO conversation_messages (account_id, openid, direction, msg_type,
      summary, payload, via, at, log_id) VALUES ('acc', 'oFAN', ?, 'text', ?, '{}', ?, 1001, 1)`);
    copy.run('in', 'hello', 'callback');
    copy.run('out', 'hi back', 'passive');
    copy.run('out', 'sent later', 'customer-service');
    old.close();

    const db = openDatabase(file, MIGRATIONS);
    const conv = new ConversationsRepo(db, logRowMessages);
    expect(conv.messages('acc', 'oFAN', 10).items.map((m) => [m.via, m.summary])).toEqual([
      ['customer-service', 'sent later'],
      ['passive', 'hi back'],
      ['callback', 'hello'],
    ]);
    // The log's id sequence continues past the stored message's position: nothing sorts before it.
    const newestId = conv.messages('acc', 'oFAN', 1).items[0]?.id;
    expect(newestId).toBeLessThan(2 * new CallbackLogRepo(db).allocateId());
    db.close();
  });
});
