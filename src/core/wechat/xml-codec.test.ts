import { describe, expect, it } from 'vitest';
import { WechatProtocolError } from './errors';
import { V1, V1_REQUEST } from './vectors.fixture';
import { cdata, parseXmlDocument } from './xml-codec';

const step = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WechatProtocolError);
    return (e as WechatProtocolError).step + ': ' + (e as Error).message;
  }
  throw new Error('expected a throw');
};

describe('parseXmlDocument safety (§0, §14.1)', () => {
  it('refuses a billion-laughs payload quickly, without expanding it', () => {
    const lol =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
      Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join(
        '',
      ) +
      ']><xml><Content>&lol9;</Content></xml>';
    const t0 = performance.now();
    expect(step(() => parseXmlDocument(lol))).toMatch(/^xml: .*DTD/);
    expect(performance.now() - t0).toBeLessThan(50);
  });

  it('refuses XXE (external entity) and a lowercase doctype', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content></xml>';
    expect(step(() => parseXmlDocument(xxe))).toMatch(/DTD/);
    expect(step(() => parseXmlDocument('<!doctype xml><xml/>'))).toMatch(/DTD/);
  });

  it('decodes XML references outside CDATA only, and leaves undeclared entities as text', () => {
    expect(parseXmlDocument('<xml><A>&xxe;&nbsp;</A></xml>').A).toBe('&xxe;&nbsp;');
    const f = parseXmlDocument(
      '<xml><A>&lt;&amp;lt;&#x4e2d;&#20013;&#x1F600;&#0;&#xD800;&#x110000;</A><B><![CDATA[&lt;]]></B></xml>',
    );
    expect(f).toEqual({ A: '<&lt;中中😀', B: '&lt;' });
  });

  it('bounds the size, in bytes, for strings and buffers', () => {
    expect(step(() => parseXmlDocument(`<xml><A>${'x'.repeat(100)}</A></xml>`, { maxBytes: 50 }))).toMatch(
      /exceeds 50 bytes/,
    );
    expect(step(() => parseXmlDocument(`<xml><A>${'中'.repeat(20)}</A></xml>`, { maxBytes: 60 }))).toMatch(
      /exceeds/,
    );
    expect(step(() => parseXmlDocument(Buffer.alloc(51, 0x20), { maxBytes: 50 }))).toMatch(/exceeds/);
  });

  it('refuses a body that is neither text nor bytes with a typed error', () => {
    expect(step(() => parseXmlDocument(undefined as never))).toMatch(/neither text nor bytes/);
    expect(step(() => parseXmlDocument({ length: 3 } as never))).toMatch(/^xml:/);
  });

  it('bounds nesting depth', () => {
    expect(
      step(() => parseXmlDocument('<xml>' + '<a>'.repeat(5000) + '</a>'.repeat(5000) + '</xml>')),
    ).toMatch(/^xml:/);
  });

  it('says what is wrong with non-XML, a wrong root, several roots or a text root', () => {
    expect(step(() => parseXmlDocument(''))).toMatch(/not XML/);
    expect(step(() => parseXmlDocument('{"a":1}'))).toMatch(/not XML/);
    expect(step(() => parseXmlDocument('<root><A>1</A></root>'))).toMatch(/single <xml>/);
    expect(step(() => parseXmlDocument('<xml><A>1</A></xml><xml><A>2</A></xml>'))).toMatch(/more than one/);
    expect(step(() => parseXmlDocument('<xml>hello</xml>'))).toMatch(/text/);
    expect(step(() => parseXmlDocument('<xml><constructor>1</constructor></xml>'))).toMatch(/^xml:/);
  });

  it('accepts a BOM, a declaration, whitespace, an empty root and keeps values as strings', () => {
    expect(
      parseXmlDocument(
        '\ufeff<?xml version="1.0" encoding="utf-8"?>\n<xml>\n  <MsgId>6574261948839470964</MsgId>\n</xml>',
      ),
    ).toEqual({
      MsgId: '6574261948839470964',
    });
    expect(parseXmlDocument('<xml></xml>')).toEqual({});
    expect(parseXmlDocument('<xml/>')).toEqual({});
  });
});

describe('safe-mode envelope fast path', () => {
  it('reads the V1 body exactly as the general parser does', () => {
    const expected = { ToUserName: 'asdasdasd', Encrypt: V1.encrypt };
    expect(parseXmlDocument(V1_REQUEST.body)).toEqual(expected);
    // A comment takes it off the fast path: same answer from fast-xml-parser.
    expect(parseXmlDocument(V1_REQUEST.body.replace('<Encrypt>', '<!-- c --><Encrypt>'))).toEqual(expected);
    const push = '<xml><AppId><![CDATA[wxc]]></AppId><Encrypt><![CDATA[abc=]]></Encrypt></xml>';
    expect(parseXmlDocument(push)).toEqual({ AppId: 'wxc', Encrypt: 'abc=' });
    expect(parseXmlDocument(push.replace('<AppId>', '<!-- c --><AppId>'))).toEqual({
      AppId: 'wxc',
      Encrypt: 'abc=',
    });
  });

  it('still applies the size bound', () => {
    expect(step(() => parseXmlDocument(V1_REQUEST.body, { maxBytes: 100 }))).toMatch(/exceeds/);
  });
});

describe('cdata', () => {
  it('splits ]]> and drops characters XML cannot carry', () => {
    expect(cdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
    expect(cdata('a\u0000b\u0007c\ud800d')).toBe('<![CDATA[abcd]]>');
    expect(cdata('😀\t\n')).toBe('<![CDATA[😀\t\n]]>');
  });
});
