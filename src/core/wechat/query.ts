/**
 * Query parameters exactly as sent: percent-decoded but a '+' stays a '+'. WeChat's `echostr` must be
 * echoed byte-exact (docs/wechat-protocol.md §1), and form-style decoding would turn '+' into a space.
 * The first of repeated names counts. Returns undefined for a malformed escape.
 */
export function parseRawQuery(search: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  let at = search.charCodeAt(0) === 0x3f /* ? */ ? 1 : 0;
  const end = search.length;
  try {
    // A scan instead of split('&') and split('='): no arrays per request on the listener's path.
    while (at < end) {
      let amp = search.indexOf('&', at);
      if (amp < 0) amp = end;
      if (amp > at) {
        const eq = search.indexOf('=', at);
        const k = decode(search.slice(at, eq < 0 || eq > amp ? amp : eq));
        if (!out.has(k)) out.set(k, eq < 0 || eq > amp ? '' : decode(search.slice(eq + 1, amp)));
      }
      at = amp + 1;
    }
  } catch {
    return undefined;
  }
  return out;
}

// WeChat's values (hex, digits, openids) rarely hold an escape: skip the decoder then.
const decode = (s: string) => (s.includes('%') ? decodeURIComponent(s) : s);
