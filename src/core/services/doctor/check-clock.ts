import { skipped, type CheckOutcome, type DoctorCheckDef } from './check-context';

/** Beyond this the clock is worth fixing even though messages still pass the window. */
const WARN_S = 30;
/** WeChat's retries come within ~15 s (docs/wechat-protocol.md §3.1): keep them inside the window. */
const RETRY_SPAN_S = 15;

/**
 * This machine's clock against the WeChat API host's (the `Date` header of an unauthenticated
 * getcallbackip, which answers 41001 and costs nothing). The listener refuses signed messages whose
 * timestamp lies outside settings.callbackTimestampWindowS, so a clock that far off loses every
 * message WeChat sends.
 */
export const clockCheck: DoctorCheckDef = {
  id: 'clock',
  title: { zh: '本机时钟准确', en: "This machine's clock is right" },
  async run(ctx): Promise<CheckOutcome> {
    const host = ctx.apiHost;
    if (!host)
      return skipped({ zh: '没有可比较的接口服务器，跳过。', en: 'No API host to compare with; skipped.' });
    const before = ctx.clock.now();
    const r = await ctx.get(`${host}/cgi-bin/getcallbackip`);
    const after = ctx.clock.now();
    if (!r.ok) {
      return skipped({
        zh: `无法连接 ${host}（${r.message}），未能比较时钟。`,
        en: `Could not reach ${host} (${r.message}), so the clocks were not compared.`,
      });
    }
    const date = Date.parse(r.headers.date ?? '');
    if (!Number.isFinite(date)) {
      return skipped({
        zh: `${host} 的响应没有 Date 头，跳过。`,
        en: `${host} sent no Date header; skipped.`,
      });
    }
    // Date has whole seconds: the server's time lay in [date, date + 1 s) at some point of the request.
    const skewS = Math.round((date + 500 - (before + after) / 2) / 1000);
    const off = Math.abs(skewS);
    const windowS = ctx.timestampWindowS;
    const facts = { host, skewSeconds: skewS, windowSeconds: windowS, roundTripMs: Math.round(r.ms) };
    const way = (zh: boolean) => (skewS > 0 ? (zh ? '慢' : 'behind') : zh ? '快' : 'ahead of');
    const saw = {
      zh: `本机时钟比 ${host} ${way(true)} ${off} 秒（允许的时间窗口为 ±${windowS} 秒）。`,
      en: `This machine's clock is ${off} s ${way(false)} ${host}'s (the accepted window is ±${windowS} s).`,
    };
    if (off <= WARN_S) return { status: 'pass', saw, facts };
    const fix = {
      zh: '开启系统的自动对时（NTP），例如 Linux 上运行 timedatectl set-ntp true，然后重新检查。',
      en: 'Turn on automatic time sync (NTP), e.g. timedatectl set-ntp true on Linux, then run the doctor again.',
    };
    if (off + RETRY_SPAN_S < windowS) return { status: 'warn', saw, fix, facts };
    return {
      status: 'fail',
      saw: {
        zh: `${saw.zh}微信发来的消息会因时间戳超出窗口而被拒绝（stale_timestamp）。`,
        en: `${saw.en} WeChat's messages will be refused as outside the window (stale_timestamp).`,
      },
      fix,
      facts,
    };
  },
};
