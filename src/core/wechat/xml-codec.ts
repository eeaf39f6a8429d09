import { XMLParser } from 'fast-xml-parser';
import { WechatProtocolError } from './errors';
import { decodeXmlText } from './xml-chars';
import { parseFlatDocument } from './xml-flat';

/**
 * The XML layer of the callback protocol (docs/wechat-protocol.md §0, §14.1): root `<xml>`, values
 * always strings (64-bit MsgId must not become a Number), CDATA or not, any element order, unknown
 * elements kept, and no DTD: `<!DOCTYPE`/`<!ENTITY` are refused before the parser sees them, so a
 * billion-laughs or XXE payload costs one string scan.
 */
export type XmlValue = string | XmlFields | XmlValue[];
export interface XmlFields {
  [name: string]: XmlValue;
}

/** WeChat messages are a few KB; anything near this is not from WeChat. */
export const MAX_XML_BYTES = 1 << 20;
/** Deepest real message (MASSSENDJOBFINISH ArticleUrlResult/ResultList/item/...) is 5 levels. */
const MAX_DEPTH = 32;

/**
 * fast-xml-parser's own decoder (with `htmlEntities` for numeric references) costs more than the
 * whole parse of a typical message; ours knows only what XML defines. The parser calls it for text
 * outside CDATA only.
 */
const xmlEntityDecoder = {
  decode: decodeXmlText,
  addInputEntities(): void {
    // Unreachable: DTDs are refused before parsing. Kept as a second lock.
    throw new Error('DTD entities are not allowed');
  },
  reset(): void {},
  setXmlVersion(): void {},
  setExternalEntities(): void {},
};

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  entityDecoder: xmlEntityDecoder,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
  // Callbacks get the tag name only; building a path string per tag is a large share of a parse.
  jPath: false,
  // `item` repeats in PicList / Articles / ResultList; one picture must still be a list (§2.4).
  isArray: (name: string) => name === 'item',
});

const DTD = /<!(?:DOCTYPE|ENTITY)/i;
const CDATA_ANY = /<!\[CDATA\[[\s\S]*?\]\]>/g;

export interface ParseXmlOptions {
  maxBytes?: number;
}

/**
 * Parses a WeChat XML document and returns the children of its `<xml>` root. Flat documents (the
 * usual message, the safe-mode envelope) take the fast path; everything else goes through
 * fast-xml-parser. Both give the same answer.
 */
export function parseXmlDocument(input: string | Uint8Array, options: ParseXmlOptions = {}): XmlFields {
  const text = decodeBounded(input, options.maxBytes ?? MAX_XML_BYTES);
  return parseFlatDocument(text) ?? parseXmlGeneral(text);
}

/** The body as text, refused when over `max` bytes; a leading BOM dropped. */
function decodeBounded(input: string | Uint8Array, max: number): string {
  let text: string;
  if (typeof input === 'string') {
    if (input.length > max || (input.length * 3 > max && Buffer.byteLength(input, 'utf8') > max))
      throw tooLarge(max);
    text = input;
  } else if (input instanceof Uint8Array) {
    if (input.byteLength > max) throw tooLarge(max);
    text = Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
  } else {
    throw new WechatProtocolError('xml', 'the body is neither text nor bytes');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The general path: fast-xml-parser behind the DTD refusal. Exported for the fast path's tests. */
export function parseXmlGeneral(text: string): XmlFields {
  // A user may well type "<!DOCTYPE" into a chat: only a DTD outside CDATA is refused.
  if (DTD.test(text) && DTD.test(text.replace(CDATA_ANY, ''))) {
    throw new WechatProtocolError(
      'xml',
      'XML with a DTD (<!DOCTYPE or <!ENTITY) is refused: WeChat never sends one',
    );
  }
  if (!/^\s*</.test(text)) throw new WechatProtocolError('xml', 'body is not XML');
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch (cause) {
    throw new WechatProtocolError(
      'xml',
      `XML could not be parsed: ${String((cause as Error)?.message ?? cause).slice(0, 160)}`,
      {
        cause,
      },
    );
  }
  const top = doc as Record<string, unknown>;
  const names = Object.keys(top);
  if (names.length !== 1 || names[0] !== 'xml') {
    throw new WechatProtocolError(
      'xml',
      names.length === 0 ? 'no XML element found' : 'the root element must be a single <xml>',
    );
  }
  const root = top.xml;
  if (root === '') return {};
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new WechatProtocolError(
      'xml',
      Array.isArray(root) ? 'more than one <xml> root' : '<xml> holds text, not fields',
    );
  }
  return clean(root as XmlFields);
}

/** Drops the whitespace text the parser keeps between elements (trimValues is off for Content). */
function clean(node: XmlFields): XmlFields {
  const t = node['#text'];
  if (typeof t === 'string' && t.trim() === '') delete node['#text'];
  for (const k of Object.keys(node)) {
    const v = node[k];
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === 'object' && !Array.isArray(x)) clean(x);
    } else if (typeof v === 'object') clean(v);
  }
  return node;
}

function tooLarge(max: number): WechatProtocolError {
  return new WechatProtocolError('xml', `XML body exceeds ${max} bytes`);
}

/** A field as a string: '' when missing or not text; the first value when repeated. */
export function textOf(v: XmlValue | undefined): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return textOf(v[0]);
  return '';
}

/** A nested element's fields, or an empty object. */
export function fieldsOf(v: XmlValue | undefined): XmlFields {
  if (Array.isArray(v)) return fieldsOf(v[0]);
  return typeof v === 'object' ? v : {};
}

/** A repeated element as a list (`item`, or any element that may appear once). */
export function listOf(v: XmlValue | undefined): XmlValue[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

export { cdata, stripXmlIllegal, hasXmlIllegal } from './xml-chars';
