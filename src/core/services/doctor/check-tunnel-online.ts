import type { CheckOutcome, DoctorCheckDef } from './check-context';

/** Nothing else can pass while there is no public URL. */
export const tunnelOnlineCheck: DoctorCheckDef = {
  id: 'tunnel_online',
  title: { zh: '隧道在线', en: 'Tunnel online' },
  run({ tunnel }): CheckOutcome {
    if (tunnel.state === 'online' && tunnel.publicUrl) {
      return {
        status: 'pass',
        saw: {
          zh: `${tunnel.provider} 在线：${tunnel.publicUrl} → ${tunnel.forwardsTo ?? '回调监听器'}`,
          en: `${tunnel.provider} online: ${tunnel.publicUrl} → ${tunnel.forwardsTo ?? 'the callback listener'}`,
        },
        facts: { provider: tunnel.provider, publicUrl: tunnel.publicUrl, forwardsTo: tunnel.forwardsTo },
      };
    }
    const off = tunnel.offline;
    const state = { stopped: '已停止', connecting: '连接中', offline: '离线', online: '在线' }[tunnel.state];
    return {
      status: 'fail',
      saw: {
        zh: `隧道${state}${off ? `：${off.message.zh}` : '。'}${off?.detail ? `（${off.detail}）` : ''}`,
        en: `The tunnel is ${tunnel.state}${off ? `: ${off.message.en}` : '.'}${off?.detail ? ` (${off.detail})` : ''}`,
      },
      fix: off?.fix ?? {
        zh: '在“设置 → 隧道”中选择隧道方式并启动隧道，然后再检查。本机能做的检查（签名、echostr、Token 与密钥格式）已在本机回调监听器上运行。',
        en: 'Choose a tunnel in Settings → Tunnel and start it, then run the checks again. What can be checked on this machine (signature, echostr, Token and key formats) ran against the local callback listener.',
      },
      fixAt: 'tunnel_settings',
      facts: { provider: tunnel.provider, state: tunnel.state, reason: off?.reason ?? null },
    };
  },
};
