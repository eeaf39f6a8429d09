import { createCipheriv } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildWechatRequest,
  eventXml,
  textMessageXml,
  type WechatMode,
} from '../../../test/helpers/wechat-side';
import { parseAesKey } from './aes-key';
import { WechatProtocolError, type ProtocolStep } from './errors';
import { lintReply } from './reply-lint';
import { openCallbackRequest } from './request';
import { computeMsgSignature } from './signature';
import { V1 } from './vectors.fixture';

/**
 * Mutation fuzz of signed and encrypted requests: whatever arrives, openCallbackRequest either
 * returns a message or throws its own WechatProtocolError, never anything else. Mutations that
 * re-sign after tampering reach the deep steps (base64, AES, padding, length, AppID, XML), and the
 * run checks that every step was actually reached.
 */
const account = (mode: WechatMode) => ({ token: V1.token, appId: V1.appId, aesKey: V1.aesKey, mode });
const key = parseAesKey(V1.aesKey);
const messages = [
  textMessageXml({ to: 'gh_1', from: 'oUser', content: 'hello ]]> 你好 😀' }),
  eventXml({
    to: 'gh_1',
    from: 'oUser',
    event: 'pic_weixin',
    extra:
      '<EventKey>k</EventKey><SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum>a</PicMd5Sum></item></PicList></SendPicsInfo>',
  }),
  '<xml><AppId>wxc</AppId><CreateTime>1</CreateTime><InfoType>component_verify_ticket</InfoType><ComponentVerifyTicket>t</ComponentVerifyTicket></xml>',
];
const base = fc.record({
  mode: fc.constantFrom<WechatMode>('plain', 'compatible', 'safe'),
  xml: fc.constantFrom(...messages),
});
const noise = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '<!DOCTYPE x [<!ENTITY a "b">]>',
    '<![CDATA[',
    ']]>',
    '<xml>',
    '</xml>',
    '&',
    '&#0;',
    '<a>'.repeat(200),
    '\u0000',
    '<Encrypt>AAAA</Encrypt>',
  ),
);
// Built once: the fuzz measures the receiving side, not the helper.
const requests = new Map(
  (['plain', 'compatible', 'safe'] as const).flatMap((mode) =>
    messages.map((xml) => [`${mode} ${xml}`, buildWechatRequest(account(mode), xml)] as const),
  ),
);
type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'param'; name: string; value: string | null }
  | { kind: 'encrypt'; at: number; text: string }
  | { kind: 'cipher'; at: number; byte: number }
  | { kind: 'cut'; at: number }
  | { kind: 'plaintext'; bytes: Uint8Array; len: number | null };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.nat(255) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: noise }),
  fc.record({
    kind: fc.constant('param' as const),
    name: fc.constantFrom('signature', 'timestamp', 'nonce', 'encrypt_type', 'msg_signature'),
    value: fc.option(fc.oneof(fc.string({ maxLength: 45 }), fc.constantFrom('aes', 'raw', 'AES'))),
  }),
  fc.record({
    kind: fc.constant('encrypt' as const),
    at: fc.nat(),
    text: fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('=', '==', '!', '+/', 'A')),
  }),
  fc.record({ kind: fc.constant('cipher' as const), at: fc.nat(), byte: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('plaintext' as const),
    bytes: fc.uint8Array({ maxLength: 80 }),
    len: fc.option(fc.nat({ max: 0xffffffff })),
  }),
);

function apply(
  req: { params: Record<string, string>; body: string },
  m: Mutation,
): { query: Record<string, string>; body: string | Buffer } {
  const query = { ...req.params };
  let body: string | Buffer = req.body;
  const buf = Buffer.from(req.body);
  const resign = (encrypt: string) => {
    body = req.body.replace(
      /<Encrypt><!\[CDATA\[[^\]]*\]\]><\/Encrypt>/,
      `<Encrypt><![CDATA[${encrypt}]]></Encrypt>`,
    );
    query.msg_signature = computeMsgSignature(V1.token, query.timestamp ?? '', query.nonce ?? '', encrypt);
  };
  const encrypt = /<Encrypt><!\[CDATA\[([^\]]*)\]\]>/.exec(req.body)?.[1];
  switch (m.kind) {
    case 'flip':
      if (buf.length) flipByte(buf, m.at % buf.length, m.byte || 1);
      return { query, body: buf };
    case 'truncate':
      return { query, body: buf.subarray(0, m.at % (buf.length + 1)) };
    case 'insert': {
      const at = m.at % (req.body.length + 1);
      return { query, body: req.body.slice(0, at) + m.text + req.body.slice(at) };
    }
    case 'param':
      if (m.value === null) delete query[m.name];
      else query[m.name] = m.value;
      return { query, body };
    case 'encrypt':
      if (encrypt) {
        const at = m.at % (encrypt.length + 1);
        resign(encrypt.slice(0, at) + m.text + encrypt.slice(at + 1));
      }
      return { query, body };
    case 'cipher':
      if (encrypt) {
        const c = Buffer.from(encrypt, 'base64');
        flipByte(c, m.at % c.length, m.byte);
        resign(c.toString('base64'));
      }
      return { query, body };
    case 'cut':
      if (encrypt)
        resign(
          Buffer.from(encrypt, 'base64')
            .subarray(0, m.at % 200)
            .toString('base64'),
        );
      return { query, body };
    case 'plaintext':
      if (encrypt) {
        const head = Buffer.alloc(20, 0x61);
        head.writeUInt32BE(m.len ?? m.bytes.length, 16);
        resign(seal(Buffer.concat([head, m.bytes])));
      }
      return { query, body };
  }
}

/** XORs the byte at `at` with `mask`; nothing when `at` is not a byte of `buf` (an empty one's NaN). */
function flipByte(buf: Buffer, at: number, mask: number): void {
  if (at < buf.length) buf[at] = buf.readUInt8(at) ^ mask;
}

/** Encrypts exact plaintext bytes with correct PKCS#7/32 padding. */
function seal(plain: Buffer): string {
  const pad = 32 - (plain.length % 32);
  const c = createCipheriv('aes-256-cbc', key.key, key.iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), c.final()]).toString(
    'base64',
  );
}

describe('mutation fuzz of callback requests', () => {
  it('never throws anything but WechatProtocolError (12,000 cases), and reaches every step', () => {
    const seen = new Map<ProtocolStep | 'ok', number>();
    fc.assert(
      fc.property(base, mutation, ({ mode, xml }, m) => {
        const req = requests.get(`${mode} ${xml}`)!;
        const { query, body } = apply(req, m);
        try {
          const r = openCallbackRequest({ query, body, token: V1.token, aesKey: V1.aesKey, appId: V1.appId });
          expect(typeof r.message.type).toBe('string');
          seen.set('ok', (seen.get('ok') ?? 0) + 1);
        } catch (e) {
          if (!(e instanceof WechatProtocolError)) throw e;
          seen.set(e.step, (seen.get(e.step) ?? 0) + 1);
        }
        // The linter reads anything (e.g. an upstream's reply) without throwing at all.
        const lint = lintReply(body, {
          mode,
          crypto: { token: V1.token, aesKey: V1.aesKey, appId: V1.appId },
        });
        expect(['ack', 'reply', 'invalid']).toContain(lint.kind);
      }),
      { numRuns: 12_000 },
    );
    for (const step of [
      'ok',
      'signature',
      'xml',
      'base64',
      'decrypt',
      'padding',
      'length',
      'appid',
    ] as const) {
      expect(seen.get(step) ?? 0, `step ${step} reached`).toBeGreaterThan(0);
    }
  }, 120_000);
});
