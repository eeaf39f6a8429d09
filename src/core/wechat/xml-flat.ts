import { decodeXmlText, normalizeNewlines } from './xml-chars';
import type { XmlFields } from './xml-codec';

/**
 * Fast path for the shape nearly every callback body has (wechat-reference.md §2.3, §4.1): an
 * `<xml>` root whose children are distinct, attribute-less elements holding text and/or CDATA.
 * It returns exactly what the general parser (fast-xml-parser, see xml-codec.ts) returns for such
 * a document, and null for anything else (nesting, repeats, comments, attributes, DTDs, `item`,
 * reserved names), which then takes the general path. xml-flat.test.ts checks the two agree.
 */
const OPEN = /^\s*(?:<\?xml\s[^<>?]*\?>\s*)?<xml>/;
// One child per match. A CDATA section ends at its first `]]>` (a lazy `[\s\S]*?` could be
// stretched by backtracking); the alternatives start with different characters, so this is linear.
const CHILD = /\s*<([A-Za-z_][A-Za-z0-9_.-]*)>((?:<!\[CDATA\[(?:[^\]]|\](?!\]>))*\]\]>|[^<])*)<\/\1>/y;
const CLOSE = /\s*<\/xml>\s*$/y;
const CDATA_SECTION = /<!\[CDATA\[([\s\S]*?)\]\]>/g;

export function parseFlatDocument(input: string): XmlFields | null {
  const text = normalizeNewlines(input);
  const open = OPEN.exec(text);
  if (!open) return null;
  const out: XmlFields = {};
  let at = open[0].length;
  for (;;) {
    CHILD.lastIndex = at;
    const m = CHILD.exec(text);
    if (!m) break;
    const name = m[1];
    // Repeats become arrays, `item` is always one, reserved names are refused: the general path's job.
    if (name === 'item' || name === 'prototype' || name in Object.prototype || Object.hasOwn(out, name))
      return null;
    out[name] = content(m[2]);
    at = CHILD.lastIndex;
  }
  CLOSE.lastIndex = at;
  return CLOSE.test(text) ? out : null;
}

/** Text pieces get XML's references decoded; CDATA pieces are taken as written. */
function content(raw: string): string {
  if (!raw.includes('<')) return decodeXmlText(raw);
  let out = '';
  let last = 0;
  CDATA_SECTION.lastIndex = 0;
  for (let m = CDATA_SECTION.exec(raw); m; m = CDATA_SECTION.exec(raw)) {
    out += decodeXmlText(raw.slice(last, m.index)) + m[1];
    last = CDATA_SECTION.lastIndex;
  }
  return out + decodeXmlText(raw.slice(last));
}
