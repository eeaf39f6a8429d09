import type { Bilingual } from '../../../shared/api/areas/common';
import { needsPublicUrl, type DoctorCheckDef } from './check-context';
import { describeProbeError, ngrokCodeIn, preview } from './describe-response';
import type { ProbeErrorKind } from './http-probe';
import { PROBE_PREFIX, probeBody } from './probe-route';

const NETWORK_FIX: Partial<Record<ProbeErrorKind, Bilingual>> = {
  dns: {
    zh: '检查域名的 DNS 记录是否指向你的服务器或隧道（刚添加的记录可能需要几分钟生效）。',
    en: 'Check that the domain has a DNS record pointing at your server or tunnel (new records can take minutes).',
  },
  tls: {
    zh: '为该域名安装受信任的证书（微信不接受自签名或过期证书），或改用 http 地址。',
    en: 'Install a trusted certificate for the domain (WeChat refuses self-signed or expired ones), or use the http URL.',
  },
};

/**
 * A request through the public URL (never a local shortcut) must arrive at this MPDesk's callback
 * listener: the listener has to see the one-time nonce, not just any server answering 200.
 */
export const publicReachCheck: DoctorCheckDef = {
  id: 'public_reach',
  title: { zh: '公网地址能到达 MPDesk', en: 'The public URL reaches MPDesk' },
  async run(ctx) {
    const base = ctx.tunnel.publicUrl;
    if (!base) return needsPublicUrl();
    const nonce = ctx.probes.issue();
    const url = `${base}${PROBE_PREFIX}${nonce}`;
    try {
      const r = await ctx.get(url);
      const forwardsTo = ctx.tunnel.forwardsTo ?? '';
      const pointAt = {
        zh: `让公网地址转发到 MPDesk 的回调监听器 ${forwardsTo}（frp 的 local_port、nginx 的 proxy_pass 等）。`,
        en: `Make the public URL forward to MPDesk's callback listener at ${forwardsTo} (frp local_port, nginx proxy_pass, ...).`,
      };
      if (!r.ok) {
        return {
          status: 'fail',
          saw: describeProbeError(url, r),
          fix: NETWORK_FIX[r.kind] ?? pointAt,
          fixAt: 'tunnel_settings',
          facts: { error: r.kind, ms: Math.round(r.ms) },
        };
      }
      const seen = ctx.probes.hits(nonce).length > 0;
      const facts = {
        status: r.status,
        ms: Math.round(r.ms),
        via: r.headers['via'] ?? null,
        server: r.headers['server'] ?? null,
      };
      if (seen) {
        const intact = r.status === 200 && r.body.toString('utf8') === probeBody(nonce);
        return {
          status: 'pass',
          saw: intact
            ? {
                zh: `请求经公网地址到达了 MPDesk（HTTP ${r.status}，${Math.round(r.ms)} ms）。`,
                en: `The request went through the public URL and reached MPDesk (HTTP ${r.status}, ${Math.round(r.ms)} ms).`,
              }
            : {
                zh: `请求到达了 MPDesk，但返回途中响应被改动（HTTP ${r.status}，${preview(r.body)}）。`,
                en: `The request reached MPDesk, but the response was altered on the way back (HTTP ${r.status}, ${preview(r.body)}).`,
              },
          facts: { ...facts, intact },
        };
      }
      const code = ngrokCodeIn(r);
      return {
        status: 'fail',
        saw: {
          zh: `有服务器应答（HTTP ${r.status}${code ? `，${code}` : ''}，${preview(r.body)}），但不是这个 MPDesk：它没有收到请求。`,
          en: `Something answered (HTTP ${r.status}${code ? `, ${code}` : ''}, ${preview(r.body)}), but not this MPDesk: the request never arrived here.`,
        },
        fix: pointAt,
        fixAt: 'tunnel_settings',
        facts: { ...facts, ngrokCode: code },
      };
    } finally {
      ctx.probes.release(nonce);
    }
  },
};
