import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WechatProtocolError } from './errors';
import { parseInboundXml } from './inbound-parse';
import { lintReply } from './reply-lint';

/**
 * XML-shaped noise for the parser and the linter: documents assembled from the pieces WeChat XML
 * is made of, plus the ones attackers use (DTD, entities, comments, PIs, stray brackets, deep
 * nesting, reserved JavaScript names). parseInboundXml answers or throws its own typed error;
 * lintReply always answers.
 */
const piece = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '<xml>',
      '</xml>',
      '<MsgType>',
      '</MsgType>',
      '<Content>',
      '</Content>',
      '<item>',
      '</item>',
      '<Articles>',
      '</Articles>',
      '<ToUserName>',
      '</ToUserName>',
      '<Event>',
      '</Event>',
      '<InfoType>',
      '</InfoType>',
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'text',
      'event',
      'news',
      'subscribe',
      'pic_weixin',
      'component_verify_ticket',
      '1700000000',
      '6574261948839470964',
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '<![CDATA[',
      ']]>',
      '&lt;',
      '&amp;',
      '&#x0;',
      '&#x1F600;',
      '&bogus;',
      '&',
      '<',
      '>',
      '/>',
      '<a/>',
      '<!-- c -->',
      '<?pi x?>',
      '<?xml version="1.0"?>',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '<!DOCTYPE x>',
      '<!ENTITY a "b">',
      '<__proto__>',
      '<constructor>',
      '<a b="1">',
      '<a:b>',
      '<a>'.repeat(40),
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);
const doc = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

describe('XML-shaped fuzz', () => {
  it('parseInboundXml answers or throws WechatProtocolError; lintReply always answers (4,000 cases)', () => {
    fc.assert(
      fc.property(doc, fc.boolean(), (xml, wrap) => {
        const input = wrap ? `<xml>${xml}</xml>` : xml;
        try {
          const m = parseInboundXml(input);
          expect(typeof m.type).toBe('string');
          expect(() => JSON.stringify(m)).not.toThrow();
        } catch (e) {
          if (!(e instanceof WechatProtocolError)) throw e;
          expect(e.step).toBe('xml');
        }
        const r = lintReply(input);
        expect(r.ok).toBe(!r.issues.some((i) => i.severity === 'error'));
      }),
      { numRuns: 4_000 },
    );
  }, 60_000);
});
