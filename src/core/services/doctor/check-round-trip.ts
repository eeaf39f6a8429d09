import { reachFailed, type DoctorCheckDef } from './check-context';
import { signedVerification } from './check-echo';

const EXTRA_SAMPLES = 2;

/**
 * WeChat waits 5 s for the whole exchange (docs/wechat-protocol.md §3.1). What the tunnel costs comes out
 * of the reply budget: the round trip plus replyDeadlineMs must stay inside the deadline.
 */
export const roundTripCheck: DoctorCheckDef = {
  id: 'round_trip',
  title: { zh: '往返时间留有 5 秒内的余量', en: 'Round trip leaves room inside 5 s' },
  async run(ctx) {
    const skip = reachFailed(ctx);
    if (skip) return skip;
    if (ctx.account.token && ctx.results.get('echo_exact')?.status !== 'skip') {
      for (let i = 0; i < EXTRA_SAMPLES; i++) {
        const { result } = await signedVerification(ctx);
        if (!result.ok) {
          return {
            status: 'fail',
            saw: {
              zh: `第 ${i + 2} 次验证请求失败（${result.kind}，${Math.round(result.ms)} ms）：连接不稳定。`,
              en: `Verification request ${i + 2} failed (${result.kind}, ${Math.round(result.ms)} ms): the connection is unstable.`,
            },
            fix: { zh: '换一个更稳定的隧道或区域。', en: 'Use a steadier tunnel or region.' },
            facts: { error: result.kind },
          };
        }
        ctx.roundTrips.push(result.ms);
      }
    }
    const reachMs = ctx.results.get('public_reach')?.facts?.ms;
    const samples = ctx.roundTrips.length ? ctx.roundTrips : typeof reachMs === 'number' ? [reachMs] : [];
    if (samples.length === 0)
      return { status: 'skip', saw: { zh: '没有可用的测量。', en: 'Nothing to measure.' } };
    const worst = Math.round(Math.max(...samples));
    // samples is not empty (just checked), so the middle index is in range.
    const median = Math.round([...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!);
    const { deadlineMs, replyDeadlineMs } = ctx;
    const room = deadlineMs - worst;
    const facts = { worstMs: worst, medianMs: median, samples: samples.length, deadlineMs, replyDeadlineMs };
    const saw = {
      zh: `${samples.length} 次往返，最慢 ${worst} ms，中位数 ${median} ms；微信的 ${deadlineMs} ms 里还剩 ${room} ms，回复预算为 ${replyDeadlineMs} ms。`,
      en: `${samples.length} round trips, worst ${worst} ms, median ${median} ms; ${room} ms of WeChat's ${deadlineMs} ms are left, and the reply budget is ${replyDeadlineMs} ms.`,
    };
    if (worst > deadlineMs / 2) {
      return {
        status: 'fail',
        saw,
        fix: {
          zh: '隧道本身用掉了一半以上的时间，微信很可能超时重试并提示“该公众号暂时无法提供服务”。换一个更近的 ngrok 区域（如 ap、jp），或使用国内的服务器/内网穿透。',
          en: 'The tunnel alone uses more than half the time; WeChat will likely time out, retry and show "该公众号暂时无法提供服务". Pick a nearer ngrok region (ap, jp) or a server/tunnel inside China.',
        },
        facts,
      };
    }
    if (worst + replyDeadlineMs > deadlineMs) {
      const suggested = Math.max(500, Math.floor((deadlineMs - worst * 1.5) / 100) * 100);
      return {
        status: 'warn',
        saw,
        fix: {
          zh: `慢的回复加上往返会超过 ${deadlineMs} ms。把“设置 → 消息回调”里的“被动回复时限”降到 ${suggested} 毫秒左右，超时的回复会改由客服消息发送。`,
          en: `A slow reply plus this round trip would exceed ${deadlineMs} ms. Lower the reply deadline in Settings → Callbacks to about ${suggested} ms; late replies then go out as customer-service messages.`,
        },
        fixAt: 'callback_settings',
        facts: { ...facts, suggestedReplyDeadlineMs: suggested },
      };
    }
    return { status: 'pass', saw, facts };
  },
};
