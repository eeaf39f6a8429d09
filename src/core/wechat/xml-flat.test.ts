import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cdata } from './xml-chars';
import { parseXmlDocument, parseXmlGeneral } from './xml-codec';
import { parseFlatDocument } from './xml-flat';
import { V1, V1_REQUEST, V3 } from './vectors.fixture';

/** General-path answer, or the error text when it refuses. */
const general = (xml: string) => {
  try {
    return parseXmlGeneral(xml);
  } catch (e) {
    return `refused: ${(e as Error).message}`;
  }
};

describe('flat fast path', () => {
  it('takes the real bodies: V1 envelope, V1 and V3 plaintexts', () => {
    for (const xml of [V1_REQUEST.body, V1.xml, V3.decrypt.xml, V3.reply.xml]) {
      expect(parseFlatDocument(xml)).not.toBeNull();
      expect(parseFlatDocument(xml)).toEqual(parseXmlGeneral(xml));
    }
  });

  it('declines what it does not handle, and the general path answers', () => {
    const declined = [
      '<xml><A><B>1</B></A></xml>',
      '<xml><A>1</A><A>2</A></xml>',
      '<xml><item>1</item></xml>',
      '<xml><A x="1">1</A></xml>',
      '<xml><!-- c --><A>1</A></xml>',
      '<xml><A/></xml>',
      '<xml><toString>1</toString></xml>',
      '<!DOCTYPE x><xml><A>1</A></xml>',
      '<xml><A>1</A></xml><xml/>',
      '<xml><A><![CDATA[unterminated</A></xml>',
    ];
    for (const xml of declined) expect(parseFlatDocument(xml), xml).toBeNull();
  });

  it('keeps "<!DOCTYPE" a user typed inside CDATA, on both paths', () => {
    const typed = '<!DOCTYPE html><!ENTITY x "y">';
    const flat = `<xml><MsgType>text</MsgType><Content>${cdata(typed)}</Content></xml>`;
    expect(parseXmlDocument(flat).Content).toBe(typed);
    const nested = `<xml><MsgType>event</MsgType><ScanCodeInfo><ScanResult>${cdata(typed)}</ScanResult></ScanCodeInfo></xml>`;
    expect(parseXmlDocument(nested).ScanCodeInfo).toEqual({ ScanResult: typed });
  });

  it('agrees with fast-xml-parser on generated documents (differential, 3,000 cases)', () => {
    const name = fc.constantFrom(
      'ToUserName',
      'Content',
      'MsgId',
      'A',
      'a.b-c_1',
      'item',
      'toString',
      '__proto__',
      'Encrypt',
    );
    const text = fc.string({
      unit: fc.constantFrom(
        'a',
        '中',
        '😀',
        ' ',
        '\n',
        '\r',
        '\r\n',
        '\t',
        '&lt;',
        '&amp;',
        '&#x41;',
        '&#0;',
        '&bad;',
        '&',
        '>',
        ']]>',
        ']',
        '"',
      ),
      maxLength: 8,
    });
    const piece = fc.oneof(
      { weight: 4, arbitrary: text },
      { weight: 4, arbitrary: text.map((t) => `<![CDATA[${t.replaceAll(']]>', '')}]]>`) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '<![CDATA[]]>',
          '<![CDATA[<b>&lt;</b>]]>',
          '<!-- c -->',
          '<B>x</B>',
          '<B/>',
        ),
      },
    );
    const child = fc.tuple(name, fc.array(piece, { maxLength: 4 }), fc.constantFrom('', ' ', '\n  ', '\r\n'));
    const doc = fc
      .tuple(
        fc.constantFrom('', ' ', '<?xml version="1.0" encoding="utf-8"?>\n', '\ufeff'),
        fc.array(child, { maxLength: 6 }),
        fc.constantFrom('', '\n', '', ' x'),
      )
      .map(
        ([prolog, children, tail]) =>
          `${prolog}<xml>${children.map(([n, p, ws]) => `${ws}<${n}>${p.join('')}</${n}>`).join('')}</xml>${tail}`,
      );
    let taken = 0;
    fc.assert(
      fc.property(doc, (xml) => {
        const fast = parseFlatDocument(xml);
        if (fast === null) return;
        taken++;
        expect(fast).toEqual(general(xml));
      }),
      { numRuns: 3_000 },
    );
    // Enough documents went through the fast path for the comparison to mean something.
    expect(taken).toBeGreaterThan(300);
  });
});
