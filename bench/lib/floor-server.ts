import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { BackgroundCheckpointer } from '../../src/core/store/background-checkpointer';
import { openDatabase } from '../../src/core/store/open-database';
import { MIGRATIONS } from '../../src/core/store/migrations';
import { CallbackLogRepo, type CallbackLogRecord } from '../../src/core/store/repos/callback-log-repo';
import { maskedHeadersJson } from '../../src/core/server/request-facts';
import { toAesKey } from '../../src/core/wechat/aes-key';
import { buildEncryptedEnvelope } from '../../src/core/wechat/envelope';
import { decryptMessage } from '../../src/core/wechat/message-crypto';
import { parseRawQuery } from '../../src/core/wechat/query';
import { verifyMsgSignature, verifySignature } from '../../src/core/wechat/signature';
import { AES_KEY, APP_ID, TOKEN } from './callback-setup';

/**
 * The floor the wrk bench measures beside bare Node (bench/callback-wrk.bench.ts): the least any
 * server that keeps WeChat's callbacks durably must do per request, and nothing else. node:http;
 * the signature checked; in safe mode the message decrypted and a reply encrypted and signed; one
 * callback_log row of MPDesk's schema (real migrations, a real file) group-committed before the
 * answer is written; a fixed reply. Where MPDesk has a leaner way (its query scan, its headers
 * JSON) the floor takes it, so the floor stays the least. No XML parsing, no dedupe, no rules, no fans, no UI events.
 * MPDesk's distance above it is what its own pipeline costs; the floor's distance below bare is
 * what node:http plus a durable row cost, which no pipeline can win back.
 */
export async function floorServer(): Promise<{ url: string; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpdesk-bench-floor-'));
  const db = openDatabase(path.join(dir, 'floor.db'), MIGRATIONS);
  // Checkpoints off the event loop, as MPDesk's store does: inline ones would stall every answer.
  const checkpointer = new BackgroundCheckpointer(db);
  await checkpointer.ready;
  const repo = new CallbackLogRepo(db);
  // Parsed once, as MPDesk keeps its accounts' keys: the cipher contexts live with it (aes-cbc.ts).
  const key = toAesKey(AES_KEY);
  const plainReply =
    '<xml><ToUserName><![CDATA[oFAN]]></ToUserName><FromUserName><![CDATA[gh_0123456789ab]]></FromUserName>' +
    '<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello there]]></Content></xml>';
  let queue: { rec: CallbackLogRecord; res: http.ServerResponse; body: string }[] = [];
  const commit = db.transaction((items: typeof queue) => {
    for (const it of items) repo.insert(it.rec);
  });
  const flush = () => {
    const items = queue;
    queue = [];
    commit(items);
    for (const it of items) {
      it.res.writeHead(200, [
        'content-type',
        'text/xml',
        'content-length',
        String(Buffer.byteLength(it.body)),
      ]);
      it.res.end(it.body);
    }
  };

  const server = http.createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const raw = Buffer.concat(chunks);
      const url = req.url ?? '';
      const search = url.slice(url.indexOf('?') + 1);
      const q = parseRawQuery(search) ?? new Map<string, string>();
      const ts = q.get('timestamp') ?? '';
      const nonce = q.get('nonce') ?? '';
      const safe = q.get('encrypt_type') === 'aes';
      let ok = verifySignature(TOKEN, ts, nonce, q.get('signature'));
      let body = plainReply;
      let decrypted: string | null = null;
      if (ok && safe) {
        const text = raw.toString('utf8');
        const encrypt = /<Encrypt><!\[CDATA\[([^\]]*)\]\]><\/Encrypt>/.exec(text)?.[1] ?? '';
        ok = verifyMsgSignature(TOKEN, ts, nonce, encrypt, q.get('msg_signature'));
        decrypted = ok ? decryptMessage(key, encrypt, APP_ID).xml : null;
        body = buildEncryptedEnvelope({
          xml: plainReply,
          token: TOKEN,
          aesKey: key,
          appId: APP_ID,
          timestamp: ts,
          nonce,
          random: 'abcdefghijklmnop',
        });
      }
      const rec: CallbackLogRecord = {
        id: repo.allocateId(),
        exchangeId: null,
        delivery: 1,
        accountId: 'floor',
        slug: safe ? 'safe' : 'plain',
        at,
        source: 'wechat',
        method: req.method ?? 'POST',
        path: '/wx/floor',
        query: search,
        headers: maskedHeadersJson(req.headers),
        rawBody: raw,
        decryptedXml: decrypted,
        parsed: '',
        msgType: 'text',
        event: null,
        openid: 'oFAN',
        dedupeKey: null,
        dedupe: 'first',
        matched: 'rule:1',
        replyPlain: plainReply,
        replyBody: body,
        status: ok ? 200 : 401,
        outcome: ok ? 'ok' : 'rejected',
        reason: ok ? 'replied' : 'bad_signature',
        detail: null,
        upstream: null,
        timings: '{}',
        totalMs: Date.now() - at,
      };
      queue.push({ rec, res, body });
      if (queue.length === 1) setImmediate(flush);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => {
          void checkpointer.stop().then(() => {
            db.close();
            fs.rmSync(dir, { recursive: true, force: true });
            r();
          });
        });
      }),
  };
}
