import { needsPublicUrl, type DoctorCheckDef } from './check-context';

/** WeChat only calls ports 80 and 443 (docs/wechat-protocol.md §0, §15: single source, official page). */
export const publicPortCheck: DoctorCheckDef = {
  id: 'public_port',
  title: { zh: '公网端口为 80 或 443', en: 'Public port is 80 or 443' },
  run({ tunnel }) {
    if (!tunnel.publicUrl) return needsPublicUrl();
    const u = new URL(tunnel.publicUrl);
    const scheme = u.protocol.replace(':', '');
    const port = u.port ? Number(u.port) : scheme === 'https' ? 443 : 80;
    const facts = { scheme, port };
    if (port === 80 || port === 443) {
      return {
        status: 'pass',
        saw: { zh: `${scheme}，端口 ${port}。`, en: `${scheme}, port ${port}.` },
        facts,
      };
    }
    return {
      status: 'fail',
      saw: {
        zh: `公网地址使用端口 ${port}，微信只访问 80 和 443 端口。`,
        en: `The public URL uses port ${port}; WeChat only calls ports 80 and 443.`,
      },
      fix: {
        zh: '让公网入口监听 80（http）或 443（https），例如在服务器上用 nginx 反向代理到该端口，或改用 ngrok。',
        en: 'Expose the public side on 80 (http) or 443 (https), e.g. nginx on the server proxying to this port, or use ngrok.',
      },
      fixAt: 'tunnel_settings',
      facts,
    };
  },
};
