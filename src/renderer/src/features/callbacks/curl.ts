import type { CallbackEntryDto } from '../../../../shared/api/areas/callbacks';

/** Single-quoted for POSIX shells. */
function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Bash ANSI-C quoting: keeps newlines, CR and control bytes exact. */
function ansiC(s: string): string {
  const body = s
    .replace(/[\\']/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(
      /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g,
      (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
    );
  return `$'${body}'`;
}

export function querySearch(q: Record<string, string>): string {
  if ('_raw' in q) return q._raw;
  const s = new URLSearchParams(q).toString();
  return s ? `?${s}` : '';
}

/**
 * The request as curl: same method, path, query (in WeChat's order) and body bytes, so pasting it
 * into a terminal reproduces what the listener saw (a masked secret stays masked).
 */
export function curlCommand(base: string, e: CallbackEntryDto): string {
  const url = `${base.replace(/\/$/, '')}${e.path}${querySearch(e.query)}`;
  const parts = ['curl', '-sS', '-i'];
  if (e.method !== 'GET' || e.rawBody) parts.push('-X', e.method);
  parts.push(sq(url));
  const type = e.headers['content-type'];
  if (type) parts.push('-H', sq(`Content-Type: ${type}`));
  if (e.rawBody) parts.push('--data-binary', ansiC(e.rawBody));
  return parts.join(' ');
}
