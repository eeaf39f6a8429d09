import type { Bilingual } from '../../../shared/api/areas/common';

/**
 * The pages the gateway answers a browser with (a refusal, the app being down) and the JSON it
 * answers fetch/XHR and the app's server with, in the language the browser asks for
 * (Accept-Language). Laid out for a phone: they are read inside WeChat. Pure.
 */

export type PageLang = 'zh' | 'en';

/** The best of zh / en by Accept-Language q-values; Chinese when the header says neither. */
export function pickLang(acceptLanguage: string | string[] | undefined): PageLang {
  const text = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  let best: { lang: PageLang; q: number } | null = null;
  for (const part of text.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qp ? Number(qp.slice(2)) : 1;
    const lang: PageLang | null = tag.startsWith('zh') ? 'zh' : tag.startsWith('en') ? 'en' : null;
    if (lang && Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'zh';
}

export interface PageText {
  title: Bilingual;
  message: Bilingual;
  hint?: Bilingual;
}

export interface PageAction {
  href: string;
  label: Bilingual;
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A small page for the fan or the developer: what happened, why, and what to do. */
export function renderGatewayPage(
  lang: PageLang,
  t: PageText,
  opts: { kind: 'error' | 'info'; code: string; action?: PageAction; detail?: string },
): string {
  const pick = (b: Bilingual) => esc(b[lang]);
  const action = opts.action
    ? `<p><a class="btn" href="${esc(opts.action.href)}">${pick(opts.action.label)}</a></p>`
    : '';
  const detail = opts.detail ? `<p class="muted"><code>${esc(opts.detail)}</code></p>` : '';
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<title>${pick(t.title)} — MPDesk</title>
<style>
body{font:16px/1.55 -apple-system,"PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:0;padding:16px;background:#f5f6f7;color:#1f2329}
main{max-width:560px;margin:0 auto;background:#fff;border-radius:10px;padding:18px 18px 20px;box-shadow:0 1px 3px rgba(0,0,0,.08);overflow-wrap:anywhere}
h1{font-size:19px;margin:0 0 8px}h1.error{color:#c0392b}h1.info{color:#1f2329}p{margin:8px 0 0}
.muted{color:#646a73;font-size:13px}code{font:13px ui-monospace,Menlo,Consolas,monospace}
.btn{display:block;text-align:center;background:#07c160;color:#fff;text-decoration:none;border-radius:8px;padding:11px 14px;margin-top:14px;font-weight:600}
@media (prefers-color-scheme:dark){body{background:#111418;color:#e6e8eb}main{background:#1b1f24;box-shadow:none}.muted{color:#9aa3ad}h1.error{color:#ff7b72}h1.info{color:#e6e8eb}}
</style></head>
<body><main>
<h1 class="${opts.kind}" data-gateway="${esc(opts.code)}">${pick(t.title)}</h1>
<p>${pick(t.message)}</p>
${t.hint ? `<p class="muted">${pick(t.hint)}</p>` : ''}${detail}${action}
<p class="muted">MPDesk</p>
</main></body></html>`;
}

/** The JSON of a refusal for fetch/XHR and servers: a code, the text in the asked language, a next step. */
export function gatewayJson(
  lang: PageLang,
  code: string,
  t: PageText,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    error: code,
    message: t.message[lang],
    ...(t.hint ? { hint: t.hint[lang] } : {}),
    ...extra,
  });
}
