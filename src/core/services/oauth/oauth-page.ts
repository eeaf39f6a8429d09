import type { Bilingual } from '../../../shared/api/areas/common';
import type { OauthCallbackResultDto } from '../../../shared/api/areas/oauth';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const both = (t: Bilingual) =>
  `<span lang="zh-CN">${esc(t.zh)}</span><br><span lang="en">${esc(t.en)}</span>`;

const TITLES: Record<OauthCallbackResultDto['outcome'], Bilingual> = {
  ok: { zh: '网页授权成功', en: 'Web OAuth succeeded' },
  replayed: { zh: '网页授权成功（重复回调）', en: 'Web OAuth succeeded (repeated callback)' },
  refused: { zh: '用户拒绝了授权', en: 'The user refused authorization' },
  rejected: { zh: '回调被拒绝', en: 'Callback rejected' },
  failed: { zh: '换取 access_token 失败', en: 'Code exchange failed' },
};

/**
 * The small page the browser (WeChat's in-app browser, or the sandbox's) lands on after
 * `/oauth/<slug>/callback`: the result in both languages, never a stack and never a token in clear.
 */
export function renderCallbackPage(r: OauthCallbackResultDto, accountName: string): string {
  const rows: [Bilingual, string][] = [];
  const s = r.session;
  if (s) {
    if (s.nickname !== null) rows.push([{ zh: '昵称', en: 'Nickname' }, esc(s.nickname)]);
    rows.push([{ zh: 'openid', en: 'openid' }, `<code>${esc(s.openid)}</code>`]);
    if (s.unionid) rows.push([{ zh: 'unionid', en: 'unionid' }, `<code>${esc(s.unionid)}</code>`]);
    rows.push([{ zh: '授权作用域', en: 'Scope' }, `<code>${esc(s.scope)}</code>`]);
    rows.push([
      { zh: '网页 access_token', en: 'Web access_token' },
      `<code>${esc(s.accessTokenTail)}</code>`,
    ]);
    rows.push([
      { zh: 'access_token 过期时间', en: 'access_token expires' },
      `<time>${new Date(s.expiresAt).toISOString()}</time>`,
    ]);
    if (s.isSnapshotUser)
      rows.push([
        { zh: '快照页用户', en: 'Snapshot user' },
        both({
          zh: '是：openid 为虚拟 openid，请让用户打开完整页面',
          en: 'yes: the openid is virtual; ask the user to open the full page',
        }),
      ]);
  }
  rows.push([{ zh: 'state', en: 'state' }, `<code>${esc(r.state || '—')}</code>`]);
  if (r.codeTail) rows.push([{ zh: 'code', en: 'code' }, `<code>${esc(r.codeTail)}</code>`]);

  const ok = r.outcome === 'ok' || r.outcome === 'replayed';
  const error = r.error
    ? `<section class="err" role="alert"><h2>${both(r.error.message)}</h2><p>${both(r.error.hint)}</p>${
        r.error.errmsg ? `<p class="muted">errmsg: <code>${esc(r.error.errmsg)}</code></p>` : ''
      }</section>`
    : '';
  const replay =
    r.outcome === 'replayed'
      ? `<p class="muted">${both({
          zh: '回调被请求了不止一次（§8.2 的重复回调问题）：这里显示第一次的结果，没有再次换取 token。',
          en: 'The callback was requested more than once (the double-callback pitfall, §8.2): this is the first result; nothing was exchanged again.',
        })}</p>`
      : '';
  const title = TITLES[r.outcome];
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title.zh)} · ${esc(title.en)} — MPDesk</title>
<style>
body{font:15px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:0;padding:24px;background:#f5f6f7;color:#1f2329}
main{max-width:560px;margin:0 auto;background:#fff;border-radius:10px;padding:20px 22px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 4px}h1.ok{color:#07863c}h1.bad{color:#c0392b}h2{font-size:16px;margin:0 0 6px}
.muted{color:#646a73;font-size:13px}dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 14px;margin:16px 0 0}
dt{color:#646a73}dd{margin:0;word-break:break-all}code{font:13px ui-monospace,Menlo,Consolas,monospace}
.err{background:#fdf0ef;border-radius:8px;padding:12px 14px;margin-top:14px}.err p{margin:6px 0 0}
@media (max-width:480px){body{padding:12px}main{padding:16px}dl{grid-template-columns:1fr;gap:2px}dd{margin-bottom:8px}}
@media (prefers-color-scheme:dark){body{background:#111418;color:#e6e8eb}main{background:#1b1f24;box-shadow:none}
.muted,dt{color:#9aa3ad}h1.ok{color:#3ccf7e}h1.bad{color:#ff7b72}.err{background:#3a1d1b}}
</style></head>
<body><main>
<h1 class="${ok ? 'ok' : 'bad'}" data-outcome="${r.outcome}">${both(title)}</h1>
<p class="muted">${esc(accountName)} · MPDesk</p>
${error}${replay}
<dl>${rows.map(([k, v]) => `<dt>${esc(k.zh)} / ${esc(k.en)}</dt><dd>${v}</dd>`).join('')}</dl>
</main></body></html>`;
}

export function renderNotFoundPage(slug: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>MPDesk</title></head><body>
<h1>${both({ zh: '没有这个公众号', en: 'No such account' })}</h1>
<p>${both({ zh: `MPDesk 中没有回调路径为「${slug}」的公众号。`, en: `MPDesk has no account with the callback path "${slug}".` })}</p>
</body></html>`;
}
