/**
 * The callback protocol layer (src/core/wechat) on a typical text message, each beside the same
 * cryptographic work done with node:crypto primitives alone, measured in the same run: that floor
 * is what we cannot beat, so the ratio is the cost of everything else (sorting, checks, Base64
 * validation, XML). Rounds alternate ours/floor so machine load hits both alike; the median of the
 * rounds is reported. Run: `npm run bench -- wechat`.
 */
import { createCipheriv, createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  buildEncryptedEnvelope,
  buildReply,
  computeMsgSignature,
  computeSignature,
  decryptMessage,
  encryptMessage,
  openCallbackRequest,
  parseAesKey,
  parseInboundXml,
  parseXmlDocument,
  verifyMsgSignature,
  verifySignature,
} from '../src/core/wechat';
import { parseXmlGeneral } from '../src/core/wechat/xml-codec';
import { buildWechatRequest, textMessageXml } from '../test/helpers/wechat-side';
import { groupOf, itemAt } from '../test/helpers/indexed';

const ROUNDS = 5;
const ROUND_MS = 300;

const token = 'pamtest';
const appId = 'wxb11529c136998cb6';
const aesKeyText = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const key = parseAesKey(aesKeyText);
const timestamp = '1700000000';
const nonce = '1234567890';
const random = 'abcdefghijklmnop';
const inboundXml = textMessageXml({
  to: 'gh_0123456789ab',
  from: 'oUSER_OPENID_1234567890',
  content: '你好，我想查询一下订单状态 order 12345',
});
const account = { token, appId, aesKey: aesKeyText, mode: 'safe' as const };
const request = buildWechatRequest(account, inboundXml, { timestamp, nonce, random });
const encrypt = groupOf(/<Encrypt><!\[CDATA\[([^\]]+)\]\]>/.exec(request.body), 1, 'the Encrypt element');
const { signature, msg_signature: msgSignature } = request.params;
if (!signature || !msgSignature) throw new Error('the safe-mode request carries no signatures');
const replySpec = { type: 'text' as const, content: '您的订单 12345 已发货，预计明天送达。' };
const inbound = { toUserName: 'gh_0123456789ab', fromUserName: 'oUSER_OPENID_1234567890' };
const replyXml = buildReply(inbound, replySpec, 1700000001);

// ---- floors: node:crypto alone, no checks, no XML ----
const sortedPlain = [token, timestamp, nonce].sort().join('');
const sortedMsg = [token, timestamp, nonce, encrypt].sort().join('');
const sigBuf = Buffer.from(signature);
const msgSigBuf = Buffer.from(msgSignature);
const cipherBytes = Buffer.from(encrypt, 'base64');
const replyPlain = (() => {
  const msg = Buffer.from(replyXml);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length);
  const p = Buffer.concat([Buffer.from(random), len, msg, Buffer.from(appId)]);
  const n = 32 - (p.length % 32);
  return Buffer.concat([p, Buffer.alloc(n, n)]);
})();

function floorSignature(): boolean {
  const h = createHash('sha1').update(sortedPlain).digest('hex');
  return timingSafeEqual(Buffer.from(h), sigBuf);
}

function floorDecrypt(): number {
  const h = createHash('sha1').update(sortedMsg).digest('hex');
  if (!timingSafeEqual(Buffer.from(h), msgSigBuf)) throw new Error('floor signature');
  const d = createDecipheriv('aes-256-cbc', key.key, key.iv);
  d.setAutoPadding(false);
  return Buffer.concat([d.update(cipherBytes), d.final()]).length;
}

function floorCipherB64(): string {
  const c = createCipheriv('aes-256-cbc', key.key, key.iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(replyPlain), c.final()]).toString('base64');
}

function floorEncrypt(): string {
  return createHash('sha1').update([token, timestamp, nonce, floorCipherB64()].sort().join('')).digest('hex');
}

// ---- ours ----
function oursSignature(): boolean {
  return verifySignature(token, timestamp, nonce, signature);
}

function oursDecryptParse(): string {
  if (!verifyMsgSignature(token, timestamp, nonce, encrypt, msgSignature)) throw new Error('signature');
  const m = parseInboundXml(decryptMessage(key, encrypt, appId).xml);
  return m.type;
}

function oursFullRequest(): string {
  return openCallbackRequest({ query: request.params, body: request.body, token, aesKey: key, appId }).message
    .type;
}

function oursBuildEncrypt(): string {
  const xml = buildReply(inbound, replySpec, 1700000001);
  return buildEncryptedEnvelope({ xml, token, aesKey: key, appId, timestamp, nonce, random });
}

// Sanity: ours and the floors do the same work on the same bytes.
if (!oursSignature() || !floorSignature()) throw new Error('signature setup');
if (oursDecryptParse() !== 'text' || oursFullRequest() !== 'text') throw new Error('decrypt setup');
if (encryptMessage(key, replyXml, appId, random) !== floorCipherB64()) throw new Error('encrypt setup');
if (
  computeMsgSignature(token, timestamp, nonce, encrypt) !== msgSignature ||
  computeSignature(token, timestamp, nonce) !== signature
) {
  throw new Error('signature values');
}

/**
 * Operations per CPU-second over one round of about ROUND_MS of this process's CPU time. CPU time,
 * not wall time: the machine is shared, and a neighbour's load would otherwise land on whichever
 * side happened to run at the time.
 */
function round(fn: () => unknown): number {
  let n = 0;
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const start = cpuMs();
  let now = start;
  while (now - start < ROUND_MS) {
    for (let i = 0; i < 200; i++) fn();
    n += 200;
    now = cpuMs();
  }
  return (n * 1000) / (now - start);
}

const median = (xs: number[]) =>
  itemAt(
    [...xs].sort((a, b) => a - b),
    Math.floor(xs.length / 2),
  );

interface Row {
  name: string;
  ours: number;
  floor: number;
  ratio: number;
  usPerOp: number;
}

function measure(name: string, ours: () => unknown, floor: () => unknown): Row {
  for (let i = 0; i < 3000; i++) {
    ours();
    floor();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    a.push(round(ours));
    b.push(round(floor));
  }
  const o = median(a);
  const f = median(b);
  return {
    name,
    ours: Math.round(o),
    floor: Math.round(f),
    ratio: Number((o / f).toFixed(3)),
    usPerOp: Number((1e6 / o).toFixed(1)),
  };
}

const rows = [
  measure('signature check (URL/POST)', oursSignature, floorSignature),
  measure('msg_signature + decrypt + parse', oursDecryptParse, floorDecrypt),
  measure('full request (sig, msg_sig, decrypt, parse)', oursFullRequest, floorDecrypt),
  measure('build reply + encrypt + envelope', oursBuildEncrypt, floorEncrypt),
];

// Not a floor: which XML path the hot path takes. The flat fast path reads a typical message;
// fast-xml-parser (the general path) reads everything else.
const parserRow = measure(
  'parse text message: fast path vs fast-xml-parser',
  () => parseXmlDocument(inboundXml),
  () => parseXmlGeneral(inboundXml),
);

const fmt = (n: number) => n.toLocaleString('en-US');
const header = ['operation', 'ours ops/s', 'node:crypto floor ops/s', 'ours/floor', 'CPU µs/op (ours)'];
const table = [
  header,
  ...rows.map((r) => [r.name, fmt(r.ours), fmt(r.floor), r.ratio.toFixed(2), r.usPerOp.toFixed(1)]),
];
const widths = header.map((_, i) => Math.max(...table.map((row) => itemAt(row, i).length)));
for (const [i, row] of table.entries()) {
  console.log(
    row.map((c, j) => (j === 0 ? c.padEnd(itemAt(widths, j)) : c.padStart(itemAt(widths, j)))).join('  '),
  );
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log(
  `\n${parserRow.name}: ${fmt(parserRow.ours)} vs ${fmt(parserRow.floor)} ops/s (x${parserRow.ratio.toFixed(2)})`,
);
console.log(
  `text message ${Buffer.byteLength(inboundXml)} B plaintext, ${request.body.length} B safe-mode body; ops per CPU-second, median of ${ROUNDS} rounds x ${ROUND_MS} ms CPU`,
);

const out = path.resolve(import.meta.dirname, '..', 'reports', 'bench', 'wechat.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(
  out,
  JSON.stringify(
    {
      bench: 'wechat',
      node: process.version,
      rounds: ROUNDS,
      roundMs: ROUND_MS,
      at: new Date().toISOString(),
      rows,
      parser: parserRow,
    },
    null,
    2,
  ) + '\n',
);
