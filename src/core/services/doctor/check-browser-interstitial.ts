import { reachFailed, type DoctorCheckDef } from './check-context';
import { describeProbeError, looksLikeHtml, ngrokCodeIn, preview } from './describe-response';
import { WECHAT_BROWSER_UA } from './http-probe';
import { PROBE_PREFIX, probeBody } from './probe-route';

/**
 * ngrok's free plan puts a "You are about to visit…" page (ERR_NGROK_6024) in front of requests
 * from browsers. WeChat's own callbacks are unaffected, but OAuth and JS-SDK pages open inside
 * WeChat's browser, which cannot click through or send `ngrok-skip-browser-warning`.
 */
export const browserInterstitialCheck: DoctorCheckDef = {
  id: 'browser_interstitial',
  title: { zh: '微信内置浏览器能直接打开页面', en: "WeChat's browser gets our pages directly" },
  async run(ctx) {
    const skip = reachFailed(ctx);
    if (skip) return skip;
    const nonce = ctx.probes.issue();
    const url = `${ctx.tunnel.publicUrl}${PROBE_PREFIX}${nonce}`;
    try {
      const r = await ctx.get(url, {
        headers: { 'user-agent': WECHAT_BROWSER_UA, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      });
      if (!r.ok) return { status: 'warn', saw: describeProbeError(url, r), facts: { error: r.kind } };
      const seen = ctx.probes.hits(nonce).length > 0;
      if (seen && r.status === 200 && r.body.toString('utf8') === probeBody(nonce)) {
        return {
          status: 'pass',
          saw: {
            zh: '以微信浏览器的 User-Agent 请求，直接到达了 MPDesk，没有插页。',
            en: "With WeChat's browser User-Agent the request reached MPDesk directly, no interstitial.",
          },
          facts: { status: r.status },
        };
      }
      const code = ngrokCodeIn(r);
      const isNgrok =
        code === 'ERR_NGROK_6024' || /ngrok-skip-browser-warning/i.test(r.body.toString('utf8'));
      const facts = { status: r.status, html: looksLikeHtml(r), ngrokCode: code, reachedMpdesk: seen };
      if (isNgrok) {
        return {
          status: 'fail',
          saw: {
            zh: `ngrok 免费版对浏览器返回了警告插页（${code ?? 'ERR_NGROK_6024'}）。服务器验证和消息不受影响，但微信里打开的网页授权（OAuth）页面会停在这个插页上。`,
            en: `ngrok's free plan answered the browser with its warning page (${code ?? 'ERR_NGROK_6024'}). Server verification and messages are unaffected, but OAuth pages opened inside WeChat stop at this page.`,
          },
          fix: {
            zh: '网页授权需要：升级 ngrok 付费版（无插页），或改用外部地址（自己的已备案域名、frp、natapp）。只做消息收发可以忽略。',
            en: 'For OAuth: use a paid ngrok plan (no interstitial), or switch to an external URL (your own ICP-filed domain, frp, natapp). Messages alone can ignore this.',
          },
          facts,
        };
      }
      return {
        status: 'fail',
        saw: {
          zh: `以浏览器 User-Agent 请求时返回了别的内容（HTTP ${r.status}，${preview(r.body)}）${seen ? '' : '，请求没有到达 MPDesk'}。`,
          en: `With a browser User-Agent something else answered (HTTP ${r.status}, ${preview(r.body)})${seen ? '' : ', and the request never reached MPDesk'}.`,
        },
        fix: {
          zh: '代理或隧道对浏览器插入了页面（验证页、广告、登录页）。关闭它，否则微信里的网页授权打不开。',
          en: 'The proxy or tunnel puts a page in front of browsers (challenge, ad, login). Turn it off, or OAuth pages inside WeChat will not open.',
        },
        facts,
      };
    } finally {
      ctx.probes.release(nonce);
    }
  },
};
