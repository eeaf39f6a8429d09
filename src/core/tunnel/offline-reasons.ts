import type { Bilingual } from '../../shared/api/areas/common';
import type { TunnelOfflineReason } from '../../shared/api/areas/tunnel';

interface ReasonText {
  message: Bilingual;
  fix: Bilingual;
  /** Whether trying again later can help without the user changing anything. */
  retryable: boolean;
}

/** What each offline reason means for the user, and what to do about it. */
export const OFFLINE_REASONS: Record<TunnelOfflineReason, ReasonText> = {
  no_provider: {
    message: {
      zh: '未选择隧道：回调监听器只在本机可用。',
      en: 'No tunnel chosen: the callback listener is only reachable on this machine.',
    },
    fix: {
      zh: '在“设置 → 隧道”中选择 ngrok，或填写你自己的公网地址（frp、natapp、cpolar、花生壳、nginx）。',
      en: 'Choose ngrok in Settings → Tunnel, or enter your own public URL (frp, natapp, cpolar, Oray, nginx).',
    },
    retryable: false,
  },
  not_configured: {
    message: { zh: '外部公网地址未填写。', en: 'The external public URL is not set.' },
    fix: {
      zh: '在“设置 → 隧道”中填写转发到本机回调端口的公网地址，例如 https://wx.example.com。',
      en: 'In Settings → Tunnel, enter the public URL that forwards to the callback port, e.g. https://wx.example.com.',
    },
    retryable: false,
  },
  authtoken_missing: {
    message: { zh: '缺少 ngrok authtoken。', en: 'The ngrok authtoken is missing.' },
    fix: {
      zh: '登录 https://dashboard.ngrok.com，在 Your Authtoken 页面复制 authtoken，填入“设置 → 隧道”。',
      en: 'Sign in to https://dashboard.ngrok.com, copy the token on its Your Authtoken page into Settings → Tunnel.',
    },
    retryable: false,
  },
  authtoken_invalid: {
    message: {
      zh: 'ngrok 拒绝了 authtoken（格式错误、已重置或已吊销）。',
      en: 'ngrok rejected the authtoken (malformed, reset or revoked).',
    },
    fix: {
      zh: '到 ngrok 控制台的 Your Authtoken 页面重新复制 authtoken，在“设置 → 隧道”中保存；MPDesk 不会自动重试被拒绝的 authtoken。',
      en: 'Copy the authtoken again from the ngrok dashboard (Your Authtoken) and save it in Settings → Tunnel; MPDesk does not retry a rejected authtoken.',
    },
    retryable: false,
  },
  domain_not_reserved: {
    message: {
      zh: '该域名没有在你的 ngrok 账号下保留。',
      en: 'The domain is not reserved on your ngrok account.',
    },
    fix: {
      zh: '在 ngrok 控制台 Domains 页面保留该域名，或在“设置 → 隧道”中清空“固定域名”以使用随机地址。',
      en: 'Reserve the domain on the ngrok dashboard (Domains), or clear the static domain in Settings → Tunnel to use a random URL.',
    },
    retryable: false,
  },
  domain_taken: {
    message: {
      zh: '该域名已被另一个 ngrok 账号保留。',
      en: 'The domain is reserved by another ngrok account.',
    },
    fix: {
      zh: '确认 authtoken 属于保留该域名的账号，或换一个域名。',
      en: 'Use the authtoken of the account that reserved the domain, or choose another domain.',
    },
    retryable: false,
  },
  session_limit: {
    message: {
      zh: 'ngrok 账号的同时在线会话数已满。',
      en: 'Your ngrok account has reached its limit of simultaneous agent sessions.',
    },
    fix: {
      zh: '关闭其它正在运行的 ngrok（其它电脑或终端），MPDesk 会自动重试。',
      en: 'Stop other running ngrok agents (other machines or terminals); MPDesk keeps retrying.',
    },
    retryable: true,
  },
  blocked: {
    message: {
      zh: 'ngrok 不接受来自当前网络的连接。',
      en: 'ngrok does not accept agent connections from this network.',
    },
    fix: {
      zh: '换一个网络，或在“设置 → 隧道”中改用外部公网地址（frp、natapp、cpolar、花生壳、自己的服务器）。',
      en: 'Use another network, or switch to an external public URL in Settings → Tunnel (frp, natapp, cpolar, Oray, your own server).',
    },
    retryable: false,
  },
  ngrok_unavailable: {
    message: {
      zh: '这台电脑上无法加载 ngrok 组件。',
      en: 'The ngrok component cannot be loaded on this computer.',
    },
    fix: {
      zh: '重新安装 MPDesk；或在“设置 → 隧道”中改用外部公网地址（frp、natapp、cpolar、花生壳、自己的服务器）。',
      en: 'Reinstall MPDesk, or use an external public URL in Settings → Tunnel (frp, natapp, cpolar, Oray, your own server).',
    },
    retryable: false,
  },
  no_network: {
    message: {
      zh: '无法连接 ngrok 服务器：没有网络，或网络拦截了 ngrok。',
      en: 'Cannot reach the ngrok service: no network, or the network blocks ngrok.',
    },
    fix: {
      zh: '检查网络连接与代理设置；MPDesk 会自动重试。本机回调监听器不受影响。',
      en: 'Check the network connection and proxy; MPDesk keeps retrying. The local callback listener keeps working.',
    },
    retryable: true,
  },
  disconnected: {
    message: { zh: '隧道连接中断。', en: 'The tunnel connection dropped.' },
    fix: { zh: 'MPDesk 正在自动重连。', en: 'MPDesk is reconnecting by itself.' },
    retryable: true,
  },
  listener_down: {
    message: {
      zh: '回调监听器没有运行，隧道无处转发。',
      en: 'The callback listener is not running, so the tunnel has nothing to forward to.',
    },
    fix: {
      zh: '重启 MPDesk；如端口被占用，请换一个回调端口。',
      en: 'Restart MPDesk; if the port is taken, choose another callback port.',
    },
    retryable: false,
  },
  unknown: {
    message: { zh: '隧道因未知原因失败。', en: 'The tunnel failed for an unexpected reason.' },
    fix: { zh: '查看详情；MPDesk 会自动重试。', en: 'See the detail; MPDesk keeps retrying.' },
    retryable: true,
  },
};
