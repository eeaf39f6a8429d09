import type { Bilingual } from '../../../shared/api/areas/common';
import type { ProbeError, ProbeResponse } from './http-probe';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A short, printable preview of a body: JSON-escaped so newlines and quotes are visible. */
export function preview(body: Buffer, max = 80): string {
  const text = body.subarray(0, max).toString('utf8');
  return JSON.stringify(text) + (body.length > max ? '…' : '');
}

/** ngrok error pages carry their code, e.g. ERR_NGROK_6024 (browser warning), ERR_NGROK_3200 (endpoint offline). */
export function ngrokCodeIn(r: ProbeResponse): string | null {
  const text = r.body.toString('utf8') + ' ' + (r.headers['ngrok-error-code'] ?? '');
  return /ERR_NGROK_\d+/.exec(text)?.[0] ?? null;
}

export function looksLikeHtml(r: ProbeResponse): boolean {
  const head = r.body.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
  return (
    /text\/html/i.test(r.headers['content-type'] ?? '') ||
    head.startsWith('<!doctype html') ||
    head.startsWith('<html')
  );
}

function htmlTitle(body: Buffer): string | null {
  return /<title[^>]*>([^<]{0,120})<\/title>/i.exec(body.toString('utf8'))?.[1]?.trim() ?? null;
}

/**
 * How a body differs from the exact bytes WeChat expects (docs/wechat-protocol.md §1: the raw echostr,
 * no quotes, no XML, no newline), in words a user can act on; null when it is byte-exact.
 */
export function describeBodyDifference(expected: Buffer, r: ProbeResponse): Bilingual | null {
  const got = r.body;
  if (got.equals(expected)) return null;
  const hex = got.subarray(0, 12).toString('hex').replace(/(..)/g, '$1 ').trim();
  if (got.length === 0) return { zh: '返回了空响应体。', en: 'The body was empty.' };
  if (got.subarray(0, 3).equals(BOM)) {
    const rest = got.subarray(3).equals(expected) ? '' : '，其后内容也不同';
    const restEn = got.subarray(3).equals(expected) ? '' : ', and the rest differs too';
    return {
      zh: `响应以 UTF-8 BOM（EF BB BF）开头${rest}。微信会把它当作不同的字符串。`,
      en: `The body starts with a UTF-8 BOM (EF BB BF)${restEn}. WeChat compares bytes, so this fails.`,
    };
  }
  const text = got.toString('utf8');
  const want = expected.toString('utf8');
  if (text.trim() === want) {
    const lead = text.length - text.trimStart().length;
    const trail = text.length - text.trimEnd().length;
    return {
      zh: `内容正确，但多了空白字符：前面 ${lead} 个、后面 ${trail} 个（${preview(got)}）。`,
      en: `The content is right but has extra whitespace: ${lead} leading and ${trail} trailing (${preview(got)}).`,
    };
  }
  if (text === `"${want}"` || text === `'${want}'`) {
    return {
      zh: `echostr 被加上了引号（${preview(got)}），像是按 JSON 输出了。`,
      en: `The echostr came back in quotes (${preview(got)}), as if encoded as JSON.`,
    };
  }
  if (looksLikeHtml(r)) {
    const title = htmlTitle(got);
    const code = ngrokCodeIn(r);
    const what = [title ? `“${title}”` : null, code].filter(Boolean).join(', ');
    return {
      zh: `返回了一个 HTML 页面${what ? `（${what}）` : ''}，而不是 echostr。`,
      en: `An HTML page came back${what ? ` (${what})` : ''} instead of the echostr.`,
    };
  }
  if (text.includes(want)) {
    return {
      zh: `响应里包含 echostr，但还有其它内容：${preview(got)}。`,
      en: `The body contains the echostr plus other text: ${preview(got)}.`,
    };
  }
  return {
    zh: `内容不同：期望 ${JSON.stringify(want)}（${expected.length} 字节），实际 ${preview(got)}（${got.length} 字节，开头 ${hex}）。`,
    en: `Different content: expected ${JSON.stringify(want)} (${expected.length} bytes), got ${preview(got)} (${got.length} bytes, starting ${hex}).`,
  };
}

/** A network failure in words. */
export function describeProbeError(url: string, e: ProbeError): Bilingual {
  const host = safeHost(url);
  switch (e.kind) {
    case 'refused':
      return {
        zh: `连接 ${host} 被拒绝：那里没有程序在监听（隧道或代理没有运行）。`,
        en: `Connection to ${host} refused: nothing listens there (the tunnel or proxy is not running).`,
      };
    case 'dns':
      return {
        zh: `找不到主机 ${host}（DNS 解析失败）。`,
        en: `Host ${host} not found (DNS lookup failed).`,
      };
    case 'timeout':
      return {
        zh: `${host} 在 ${Math.round(e.ms)} ms 内没有响应。`,
        en: `${host} did not answer within ${Math.round(e.ms)} ms.`,
      };
    case 'tls':
      return {
        zh: `与 ${host} 的 TLS（HTTPS）握手失败：${e.message}`,
        en: `TLS (HTTPS) with ${host} failed: ${e.message}`,
      };
    case 'reset':
      return {
        zh: `${host} 中途断开了连接：${e.message}`,
        en: `${host} closed the connection midway: ${e.message}`,
      };
    default:
      return { zh: `请求 ${host} 失败：${e.message}`, en: `The request to ${host} failed: ${e.message}` };
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
