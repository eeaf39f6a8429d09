/**
 * The sandbox's stand-in for WeChat's authorize pages (open.weixin.qq.com/connect/oauth2/authorize),
 * laid out for a phone: "who is this phone?" (a real phone is one WeChat user; a browser here picks a
 * sandbox fan once), the snsapi_userinfo consent page (允许 / 拒绝), and WeChat's error page with its
 * errcode (10003 when redirect_uri is not under the 网页授权域名).
 */

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{font:16px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:0;background:#ededed;color:#191919}
main{max-width:480px;margin:0 auto;padding:20px 16px}h1{font-size:18px;text-align:center;margin:8px 0 16px}
.card{background:#fff;border-radius:10px;padding:16px;margin-bottom:12px;overflow-wrap:anywhere}
.muted{color:#7f7f7f;font-size:13px}.btn{display:block;text-align:center;border-radius:8px;padding:12px;margin-top:10px;text-decoration:none;font-weight:600}
.ok{background:#07c160;color:#fff}.no{background:#f2f2f2;color:#191919}.fan{display:block;padding:10px 4px;border-bottom:1px solid #eee;color:#191919;text-decoration:none}
.err{color:#fa5151;font-size:40px;text-align:center;margin:24px 0 0}code{font:13px ui-monospace,Menlo,monospace}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>${STYLE}</style></head><body><main>${body}
<p class="muted" style="text-align:center">MPDesk 沙箱 · Sandbox WeChat</p></main></body></html>`;
}

export function fanPickerPage(
  appName: string,
  fans: { openid: string; nickname: string; href: string }[],
): string {
  const list = fans
    .map(
      (f) =>
        `<a class="fan" href="${esc(f.href)}" data-openid="${esc(f.openid)}"><strong>${esc(f.nickname)}</strong><br><code class="muted">${esc(f.openid)}</code></a>`,
    )
    .join('');
  return page(
    '选择微信用户 · Who is this phone?',
    `<h1>这台手机是哪位微信用户？<br><span class="muted">Who is this phone?</span></h1>
<div class="card"><p class="muted">真实微信知道是谁在打开链接；沙箱中请为这个浏览器选一位粉丝（之后会记住）。<br>Real WeChat knows who opens the link; in the sandbox, pick a fan for this browser (remembered).</p>
<p><strong>${esc(appName)}</strong></p>${list}</div>`,
  );
}

export function consentPage(o: {
  appName: string;
  nickname: string;
  openid: string;
  allowHref: string;
  denyHref: string;
  switchHref: string;
}): string {
  return page(
    '授权 · Authorize',
    `<h1>${esc(o.appName)}<br><span class="muted">申请获得以下权限 · asks for</span></h1>
<div class="card"><p>获得你的公开信息（昵称、头像等）<br><span class="muted">Your public profile (nickname, avatar)</span></p>
<p class="muted">当前用户 · Signed in as <strong>${esc(o.nickname)}</strong> <code>${esc(o.openid)}</code> · <a href="${esc(o.switchHref)}">切换 · switch</a></p>
<a class="btn ok" id="allow" href="${esc(o.allowHref)}">允许 · Allow</a>
<a class="btn no" id="deny" href="${esc(o.denyHref)}">拒绝 · Deny</a></div>`,
  );
}

const ERROR_TEXT: Record<number, { zh: string; en: string }> = {
  10003: {
    zh: 'redirect_uri 域名与后台配置不一致',
    en: 'The redirect_uri domain is not the 网页授权域名 configured for the account',
  },
};

export function errorPage(errcode: number, errmsg: string): string {
  const t = ERROR_TEXT[errcode];
  return page(
    `错误 ${errcode}`,
    `<p class="err">!</p><h1 data-errcode="${errcode}">Oops! Something went wrong:(</h1>
<div class="card"><p>错误码 · errcode: <strong>${errcode}</strong></p>
${t ? `<p>${esc(t.zh)}<br><span class="muted">${esc(t.en)}</span></p>` : ''}<p class="muted"><code>${esc(errmsg)}</code></p></div>`,
  );
}
