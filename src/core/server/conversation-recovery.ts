import type Database from 'better-sqlite3';
import type { NewConversationMessage } from '../store/repos/conversations-repo';
import { parseXmlDocument } from '../wechat';
import { inboundMessageFields, replyMessageFields } from './conversation-messages';

interface LogRow {
  id: number;
  accountId: string;
  openid: string;
  at: number;
  rawBody: Buffer;
  decryptedXml: string | null;
  replyPlain: string | null;
}

/**
 * Conversations are written after their requests (callback-recorder.ts), so a crash can leave
 * committed log rows without their messages. At start, the rows past the projection watermark that
 * should have messages and have none get them, rebuilt from what the log holds (the request's XML
 * and our reply's XML). Returns how many messages were rebuilt.
 */
export function recoverConversations(
  db: Database.Database,
  insert: (m: NewConversationMessage) => number,
): number {
  const watermark =
    (
      db.prepare('SELECT log_id AS n FROM conversation_projection WHERE id = 1').get() as
        { n: number } | undefined
    )?.n ?? 0;
  // The same rows the pipeline gives messages to: /wx/ deliveries that parsed, first deliveries only.
  const rows = db
    .prepare(
      `SELECT id, account_id AS accountId, openid, at, raw_body AS rawBody, decrypted_xml AS decryptedXml,
        reply_plain AS replyPlain
      FROM callback_log l
      WHERE id > ? AND path LIKE '/wx/%' AND account_id IS NOT NULL AND openid IS NOT NULL AND parsed IS NOT NULL
        AND dedupe <> 'retry'
        AND NOT EXISTS (SELECT 1 FROM conversation_messages c WHERE c.log_id = l.id)
      ORDER BY id`,
    )
    .all(watermark) as LogRow[];
  let n = 0;
  db.transaction(() => {
    for (const r of rows) {
      let fields;
      try {
        fields = parseXmlDocument(r.decryptedXml ?? r.rawBody);
      } catch {
        continue;
      }
      const base = { accountId: r.accountId, openid: r.openid, at: r.at, logId: r.id };
      insert({
        ...base,
        direction: 'in',
        via: 'callback',
        ...inboundMessageFields(fields),
      });
      n++;
      const reply = r.replyPlain && r.replyPlain !== 'success' ? replyMessageFields(r.replyPlain) : null;
      if (reply) {
        insert({ ...base, direction: 'out', via: 'passive', ...reply });
        n++;
      }
    }
    db.prepare(
      'UPDATE conversation_projection SET log_id = (SELECT coalesce(max(id), 0) FROM callback_log) WHERE id = 1',
    ).run();
  })();
  return n;
}
