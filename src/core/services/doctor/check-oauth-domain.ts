import { needsPublicUrl, type DoctorCheckDef } from './check-context';

const NGROK_HOSTS = /\.(ngrok-free\.app|ngrok-free\.dev|ngrok\.app|ngrok\.dev|ngrok\.io)$/i;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * 网页授权域名 (docs/wechat-protocol.md §8.1): bare domain (or domain + path), no scheme, no IP, no port,
 * and it must have passed ICP filing — which a tunnel provider's shared domain never has.
 */
export const oauthDomainCheck: DoctorCheckDef = {
  id: 'oauth_domain',
  title: { zh: '网页授权域名', en: 'OAuth callback domain' },
  run({ tunnel, urls }) {
    if (!tunnel.publicUrl || !urls) return needsPublicUrl();
    const u = new URL(tunnel.publicUrl);
    const facts = { oauthDomain: urls.oauthDomain, redirectUri: urls.oauthRedirectUri };
    const where = {
      zh: `设置与开发 → 公众号设置 → 功能设置 → 网页授权域名：${urls.oauthDomain}`,
      en: `Settings & Development → Account settings → Features → OAuth domain (网页授权域名): ${urls.oauthDomain}`,
    };
    if (IPV4.test(u.hostname) || u.hostname.startsWith('[')) {
      return {
        status: 'fail',
        saw: {
          zh: `公网地址是 IP（${u.hostname}），网页授权域名不能是 IP。`,
          en: `The public URL is an IP address (${u.hostname}); the OAuth domain cannot be an IP.`,
        },
        fix: {
          zh: '用一个已备案的域名指向这台服务器。',
          en: 'Point an ICP-filed domain at the server and use it.',
        },
        facts,
      };
    }
    if (u.port && u.port !== '80' && u.port !== '443') {
      return {
        status: 'fail',
        saw: {
          zh: `公网地址带端口 ${u.port}，网页授权域名不能带端口。`,
          en: `The public URL has port ${u.port}; the OAuth domain cannot include a port.`,
        },
        fix: { zh: '让公网入口使用 80/443 端口。', en: 'Serve the public side on port 80/443.' },
        facts,
      };
    }
    if (NGROK_HOSTS.test(u.hostname)) {
      return {
        status: 'warn',
        saw: {
          zh: `${where.zh}。这是 ngrok 的共享域名，没有 ICP 备案：正式公众号无法保存它，只有测试号可用${tunnel.config.ngrok.domain ? '' : '；免费随机地址每次重连都会变'}。`,
          en: `${where.en}. This is an ngrok shared domain without ICP filing: a formal account cannot save it, only the sandbox test account can${tunnel.config.ngrok.domain ? '' : '; and a free random URL changes on every reconnect'}.`,
        },
        fix: {
          zh: '正式号请改用已备案的自有域名（外部地址：frp、natapp、自己的服务器）。',
          en: 'For a formal account use your own ICP-filed domain (external URL: frp, natapp, your own server).',
        },
        facts,
      };
    }
    return { status: 'info', saw: where, facts };
  },
};
