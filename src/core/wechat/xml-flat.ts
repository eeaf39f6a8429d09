import { decodeXmlText, normalizeNewlines } from './xml-chars';
import type { XmlFields } from './xml-codec';

/**
 * Fast path for the shape nearly every callback body has (docs/wechat-protocol.md §2.3, §4.1): an
 * `<xml>` root whose children are distinct, attribute-less elements holding text and/or CDATA.
 * It returns exactly what the general parser (fast-xml-parser, see xml-codec.ts) returns for such
 * a document, and null for anything else (nesting, repeats, comments, attributes, DTDs, `item`,
 * reserved names), which then takes the general path. xml-flat.test.ts checks the two agree.
 */
const OPEN = /^\s*(?:<\?xml\s[^<>?]*\?>\s*)?<xml>/;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const CLOSE_ROOT = '</xml>';
const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

/**
 * Scans with indexOf rather than one regex per child: the regex's match arrays and captures were
 * garbage per body (allocation profile under bench/callback.bench.ts), and walking a long CDATA
 * section (safe mode's <Encrypt>) character by character was slower. A CDATA section
 * ends at its first `]]>`.
 */
export function parseFlatDocument(input: string): XmlFields | null {
  const text = normalizeNewlines(input);
  const open = OPEN.exec(text);
  if (!open) return null;
  const out: XmlFields = {};
  let at = open[0].length;
  for (;;) {
    at = skipSpace(text, at);
    if (at < 0 || text.charCodeAt(at) !== LT) return null;
    if (text.startsWith(CLOSE_ROOT, at)) {
      const end = skipSpace(text, at + CLOSE_ROOT.length);
      return end === text.length ? out : null;
    }
    const gt = text.indexOf('>', at + 1);
    if (gt < 0) return null;
    const name = flatName(text.slice(at + 1, gt));
    // Repeats become arrays: the general path's job.
    if (name === null || Object.hasOwn(out, name)) return null;
    // The content: runs of text (XML references decoded) and CDATA sections (taken as written),
    // then `</name>`; anything else (a nested element) is the general path's.
    let value = '';
    at = gt + 1;
    for (;;) {
      const lt = text.indexOf('<', at);
      if (lt < 0) return null;
      if (lt > at) value += decodeXmlText(text.slice(at, lt));
      if (text.startsWith(CDATA_OPEN, lt)) {
        const end = text.indexOf(CDATA_CLOSE, lt + CDATA_OPEN.length);
        if (end < 0) return null;
        value += text.slice(lt + CDATA_OPEN.length, end);
        at = end + CDATA_CLOSE.length;
        continue;
      }
      const after = lt + 2 + name.length;
      if (!text.startsWith('</', lt) || !text.startsWith(name, lt + 2) || text.charCodeAt(after) !== GT)
        return null;
      at = after + 1;
      break;
    }
    out[name] = value;
  }
}

/**
 * Element names seen before, each as the one string every later body gets (or null for a name
 * the fast path leaves to the general one). A message carries the same few names every time; a
 * name sliced from the body is a new string, and testing it, looking it up in Object.prototype and
 * using it as a key hashed and interned it again for each element. Bounded: past the cap a name is
 * judged afresh.
 */
const NAMES = new Map<string, string | null>();
const NAMES_CAP = 512;

function flatName(sliced: string): string | null {
  const known = NAMES.get(sliced);
  if (known !== undefined) return known;
  const judged = judgeName(sliced);
  if (NAMES.size < NAMES_CAP) NAMES.set(sliced, judged);
  return judged;
}

/**
 * The name, or null when the general path must decide: attributes, self-closing tags, comments and
 * PIs fail the name test; `item` is always a list; reserved names are refused.
 */
function judgeName(name: string): string | null {
  if (!NAME.test(name)) return null;
  if (name === 'item' || name === 'prototype' || name in Object.prototype) return null;
  return name;
}

const LT = 0x3c;
const GT = 0x3e;

/**
 * The index after the whitespace at `at`. Only ASCII whitespace is skipped; any other character
 * above U+007F where whitespace may stand gives -1, and the general path decides.
 */
function skipSpace(text: string, at: number): number {
  for (; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    return c > 0x7f ? -1 : at;
  }
  return at;
}
