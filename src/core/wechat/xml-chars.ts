/**
 * Character-level XML rules shared by the parser and the builders: which characters XML 1.0 can
 * carry, XML's own entity references, and CDATA sections (docs/wechat-protocol.md §0, §3.2).
 */

/** Characters XML 1.0 cannot carry at all (C0 controls, lone surrogates, U+FFFE/FFFF). */
const XML_ILLEGAL = /[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/**
 * Anything but the characters of the Basic Multilingual Plane XML can carry: text without one (most
 * text) has nothing to strip, and this test, without the `u` flag, costs less than the replace.
 * Surrogates (emoji) match it and take the full rule.
 */
const BEYOND_PLAIN_BMP = /[^\t\n\r\x20-\ud7ff\ue000-\ufffd]/;

export function stripXmlIllegal(s: string): string {
  return BEYOND_PLAIN_BMP.test(s) ? s.replace(XML_ILLEGAL, '') : s;
}

export function hasXmlIllegal(s: string): boolean {
  XML_ILLEGAL.lastIndex = 0;
  const r = XML_ILLEGAL.test(s);
  XML_ILLEGAL.lastIndex = 0;
  return r;
}

/**
 * A CDATA section holding `s` exactly: `]]>` inside is split across two sections (§3.2 "CDATA
 * safety"), characters XML cannot carry are dropped.
 */
export function cdata(s: string): string {
  return `<![CDATA[${stripXmlIllegal(s).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY_REF = /&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|(lt|gt|amp|quot|apos));/g;

/**
 * XML's own references only: the five predefined entities and numeric character references, in
 * text outside CDATA. Undeclared names stay as written (DTDs are refused, so nothing else is
 * defined). A no-op when there is no `&`.
 */
export function decodeXmlText(val: string): string {
  if (!val.includes('&')) return val;
  return val.replace(ENTITY_REF, (ref: string, hex?: string, dec?: string, name?: string) => {
    if (name) return PREDEFINED[name] ?? ref;
    const cp = hex ? parseInt(hex, 16) : Number(dec);
    const ch = cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    return hasXmlIllegal(ch) ? '' : ch;
  });
}

/** XML 1.0 §2.11: CR LF and lone CR become LF before parsing, CDATA included. */
export function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}
