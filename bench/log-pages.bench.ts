/**
 * The callback log's write cost per row against SQLite's page size (store/open-database.ts
 * PAGE_SIZE, docs/architecture.md §5): rows shaped as the pipeline writes them for a plain and a
 * safe-mode text message, committed in batches as the recorder groups them, on real files with the
 * production schema, and the checkpoint the background thread would run every 200 ms. Page sizes
 * alternate round by round in one run (so machine load hits each alike); medians are reported.
 *
 *   npm run bench -- log-pages        (LOG_PAGES_ROWS, default 20000 rows a round)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../src/core/store/migration';
import { MIGRATIONS } from '../src/core/store/migrations';
import { CallbackLogRepo, type CallbackLogRecord } from '../src/core/store/repos/callback-log-repo';
import { itemAt, mustGet } from '../test/helpers/indexed';

const ROWS = Number(process.env.LOG_PAGES_ROWS ?? 20_000);
const ROUNDS = 5;
const PAGE_SIZES = [4096, 8192, 16384];
const BATCHES = [5, 20, 50];
const CHECKPOINT_MS = 200;

const msg = (i: number) =>
  `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oFAN_${i % 997}]]></FromUserName>` +
  `<CreateTime>1796612556</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content>` +
  `<MsgId>${8_000_000_000_000_000_000n + BigInt(i)}</MsgId></xml>`;
const reply =
  '<xml><ToUserName><![CDATA[oFAN_478]]></ToUserName><FromUserName><![CDATA[gh_0123456789ab]]></FromUserName>' +
  '<CreateTime>1796612582</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello there]]></Content></xml>';
/** Base64 of the size an <Encrypt> of `msg` and of `reply` has. */
const b64 = (n: number) => 'QUJD'.repeat(Math.ceil(n / 4)).slice(0, n);

function row(id: number, i: number, safe: boolean): CallbackLogRecord {
  const q = `?signature=b8f53a51c8931b93ac10dbd90d46c94f68753af5&timestamp=1796612556&nonce=${i}&openid=oFAN_${i % 997}`;
  return {
    id,
    exchangeId: id,
    delivery: 1,
    accountId: 'acc_bench01',
    slug: safe ? 'safe' : 'plain',
    at: 1_796_612_556_000 + i,
    source: 'wechat',
    method: 'POST',
    path: safe ? '/wx/safe' : '/wx/plain',
    query: safe ? `${q}&encrypt_type=aes&msg_signature=31b7272b5452399cb589329b86676b6949861ae3` : q,
    headers:
      '{"content-length":"490","content-type":"text/xml","host":"127.0.0.1:43763","user-agent":"Mozilla/4.0"}',
    rawBody: Buffer.from(
      safe
        ? `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><Encrypt><![CDATA[${b64(408)}]]></Encrypt></xml>`
        : msg(i),
    ),
    decryptedXml: safe ? msg(i) : null,
    parsed: '',
    msgType: 'text',
    event: null,
    openid: `oFAN_${i % 997}`,
    dedupeKey: `msg:${8_000_000_000_000_000_000n + BigInt(i)}`,
    dedupe: 'first',
    matched: 'rule:kgqgkzboai',
    replyPlain: reply,
    replyBody: safe
      ? `<xml><Encrypt><![CDATA[${b64(472)}]]></Encrypt><MsgSignature><![CDATA[31b7272b5452399cb589329b86676b6949861ae3]]></MsgSignature><TimeStamp>1796612582</TimeStamp><Nonce><![CDATA[1234567890]]></Nonce></xml>`
      : reply,
    status: 200,
    outcome: 'ok',
    reason: 'replied',
    detail: null,
    upstream: null,
    timings: '{"read":0.006,"verify":0.004,"decrypt":0.002,"parse":0.002,"handle":0.002,"build":0.001}',
    totalMs: 0.123,
  };
}

/** µs per row committed, and of checkpoint, for one page size, mode and batch. */
function round(pageSize: number, safe: boolean, batch: number): { commit: number; checkpoint: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpdesk-bench-pages-'));
  const file = path.join(dir, 'mpdesk.sqlite');
  const db = new Database(file);
  db.pragma(`page_size = ${pageSize}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  migrate(db, MIGRATIONS);
  db.pragma('wal_autocheckpoint = 0');
  const checkpointer = new Database(file);
  const repo = new CallbackLogRepo(db);
  const commit = db.transaction((items: CallbackLogRecord[]) => {
    for (const r of items) repo.insert(r);
  });
  let committing = 0;
  let checkpointing = 0;
  let last = performance.now();
  for (let i = 0; i < ROWS; i += batch) {
    const items: CallbackLogRecord[] = [];
    for (let j = 0; j < batch; j++) items.push(row(repo.allocateId(), i + j, safe));
    const s = performance.now();
    commit(items);
    committing += performance.now() - s;
    if (performance.now() - last > CHECKPOINT_MS) {
      const c = performance.now();
      checkpointer.pragma('wal_checkpoint(PASSIVE)');
      checkpointing += performance.now() - c;
      last = performance.now();
    }
  }
  // What is still in the WAL is copied too: every row is checkpointed once, however short the round.
  const c = performance.now();
  checkpointer.pragma('wal_checkpoint(PASSIVE)');
  checkpointing += performance.now() - c;
  db.close();
  checkpointer.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { commit: (1000 * committing) / ROWS, checkpoint: (1000 * checkpointing) / ROWS };
}

const median = (xs: number[]) =>
  itemAt(
    [...xs].sort((a, b) => a - b),
    xs.length >> 1,
  );

const results = [];
for (const safe of [false, true]) {
  for (const batch of BATCHES) {
    const got = new Map<number, { commit: number[]; checkpoint: number[] }>();
    for (const p of PAGE_SIZES) got.set(p, { commit: [], checkpoint: [] });
    for (let r = 0; r < ROUNDS; r++) {
      // Rotate the order so no page size always runs first.
      for (let k = 0; k < PAGE_SIZES.length; k++) {
        const p = itemAt(PAGE_SIZES, (k + r) % PAGE_SIZES.length);
        const one = round(p, safe, batch);
        const sizes = mustGet(got, p);
        sizes.commit.push(one.commit);
        sizes.checkpoint.push(one.checkpoint);
      }
    }
    for (const [pageSize, g] of got) {
      results.push({
        mode: safe ? 'safe' : 'plain',
        batch,
        pageSize,
        commitUsPerRow: +median(g.commit).toFixed(2),
        checkpointUsPerRow: +median(g.checkpoint).toFixed(2),
      });
    }
  }
}
console.table(results);
fs.mkdirSync('reports/bench', { recursive: true });
fs.writeFileSync(
  'reports/bench/log-pages.json',
  JSON.stringify({ at: new Date().toISOString(), rows: ROWS, rounds: ROUNDS, results }, null, 2),
);
