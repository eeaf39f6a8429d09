import { computeSignature } from '../../wechat';
import { randomAlnum } from '../../runtime';
import {
  reachFailed,
  randomDigits,
  skipped,
  type CheckOutcome,
  type DoctorCheckDef,
  type DoctorContext,
} from './check-context';
import { describeBodyDifference, describeProbeError } from './describe-response';
import type { ProbeResult } from './http-probe';

/**
 * A verification GET exactly as WeChat sends it when the admin presses 提交 (docs/wechat-protocol.md
 * §1): through the public URL, or, while there is none, to the local callback listener, so the
 * signature and the echo are proven before a tunnel exists.
 */
export async function signedVerification(
  ctx: DoctorContext,
  opts: { breakSignature?: boolean } = {},
): Promise<{ url: string; echostr: string; result: ProbeResult }> {
  const token = ctx.account.token ?? '';
  const timestamp = String(Math.floor(ctx.clock.now() / 1000));
  const nonce = randomDigits(ctx.random, 10);
  // WeChat's echostr is a long digit string; letters too make a mangled body easier to spot.
  const echostr = randomDigits(ctx.random, 10) + randomAlnum(ctx.random, 9);
  let signature = computeSignature(token, timestamp, nonce);
  if (opts.breakSignature) signature = signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0');
  const q = new URLSearchParams({ signature, timestamp, nonce, echostr });
  const url = `${ctx.urls?.serverUrl ?? ctx.localServerUrl}?${q.toString()}`;
  return { url, echostr, result: await ctx.get(url) };
}

function needsToken(ctx: DoctorContext) {
  if (!ctx.account.token)
    return skipped({ zh: '账号没有设置 Token，跳过。', en: 'The account has no Token; skipped.' }, 'account');
  if (ctx.urls) return reachFailed(ctx);
  if (ctx.localServerUrl) return null;
  return skipped({
    zh: '回调监听器没有运行，无法检查。',
    en: 'The callback listener is not running; nothing to check.',
  });
}

/** While there is no public URL the check ran against the local listener: its text says so. */
function where(ctx: DoctorContext, out: CheckOutcome): CheckOutcome {
  if (ctx.urls) return out;
  return {
    ...out,
    saw: { zh: `本机回调监听器：${out.saw.zh}`, en: `On the local callback listener: ${out.saw.en}` },
    facts: { ...out.facts, target: 'local' },
  };
}

/** The single most common failure: "token验证失败" because the body is not the echostr byte for byte. */
export const echoExactCheck: DoctorCheckDef = {
  id: 'echo_exact',
  title: { zh: '服务器验证返回 echostr（逐字节一致）', en: 'Verification returns echostr byte-exact' },
  async run(ctx) {
    const skip = needsToken(ctx);
    return skip ?? where(ctx, await echoExact(ctx));
  },
};

async function echoExact(ctx: DoctorContext): Promise<CheckOutcome> {
  const { url, echostr, result: r } = await signedVerification(ctx);
  if (!r.ok) {
    return {
      status: 'fail',
      saw: describeProbeError(url, r),
      fix: {
        zh: '先解决“公网地址能到达 MPDesk”的问题。',
        en: 'Fix "The public URL reaches MPDesk" first.',
      },
      facts: { error: r.kind },
    };
  }
  ctx.roundTrips.push(r.ms);
  const expected = Buffer.from(echostr, 'utf8');
  const diff = r.status === 200 ? describeBodyDifference(expected, r) : null;
  const facts = {
    status: r.status,
    bytes: r.body.length,
    expectedBytes: expected.length,
    ms: Math.round(r.ms),
  };
  if (r.status === 200 && !diff) {
    return {
      status: 'pass',
      saw: {
        zh: `带正确签名的验证请求返回 HTTP 200，响应体正好是 echostr（${expected.length} 字节）。`,
        en: `A correctly signed verification GET returned HTTP 200 with exactly the echostr (${expected.length} bytes).`,
      },
      facts,
    };
  }
  if (r.status !== 200) {
    return {
      status: 'fail',
      saw: {
        zh: `验证请求返回 HTTP ${r.status}，微信会提示“token验证失败”。`,
        en: `The verification GET returned HTTP ${r.status}; WeChat would say "token验证失败".`,
      },
      fix: {
        zh: '确认 MPDesk 里该账号的 Token 与公众号后台填写的一致，并且公网地址转发到了正确的路径。',
        en: "Make sure the account's Token in MPDesk is the one entered in the mp backend and that the public URL forwards the path unchanged.",
      },
      fixAt: 'account',
      facts,
    };
  }
  return {
    status: 'fail',
    saw: diff!,
    fix: {
      zh: 'MPDesk 返回的是原样的 echostr，说明中间的代理、CDN 或防火墙改写了响应：关闭响应改写/注入（nginx sub_filter、CDN 优化、WAF 页面），或换用原样转发的隧道。',
      en: 'MPDesk answers the bare echostr, so a proxy, CDN or firewall in between rewrote it: turn off response rewriting/injection (nginx sub_filter, CDN optimisation, WAF pages), or use a tunnel that passes bodies through.',
    },
    facts,
  };
}

/** Whoever answers must check the signature; echoing anything means the Token is not what protects us. */
export const signatureEnforcedCheck: DoctorCheckDef = {
  id: 'signature_enforced',
  title: { zh: '错误签名被拒绝', en: 'A wrong signature is refused' },
  async run(ctx) {
    const skip = needsToken(ctx);
    if (skip) return skip;
    if (ctx.results.get('echo_exact')?.status !== 'pass') {
      return skipped({ zh: '验证请求本身未通过，跳过。', en: 'The verification itself failed; skipped.' });
    }
    return where(ctx, await signatureRefused(ctx));
  },
};

async function signatureRefused(ctx: DoctorContext): Promise<CheckOutcome> {
  const { url, echostr, result: r } = await signedVerification(ctx, { breakSignature: true });
  if (!r.ok) return { status: 'warn', saw: describeProbeError(url, r) };
  const echoed = r.status === 200 && r.body.toString('utf8') === echostr;
  if (!echoed) {
    return {
      status: 'pass',
      saw: {
        zh: `签名错误的请求被拒绝（HTTP ${r.status}）。`,
        en: `The wrongly signed request was refused (HTTP ${r.status}).`,
      },
      facts: { status: r.status },
    };
  }
  return {
    status: 'warn',
    saw: {
      zh: '签名错误的请求也返回了 echostr：应答的服务器没有校验签名。',
      en: 'The wrongly signed request was echoed too: whatever answers does not check the signature.',
    },
    fix: {
      zh: '公网地址可能指向了别的服务器（不校验 Token 的旧程序）。确认它转发到 MPDesk。',
      en: 'The public URL may point at another server (an old program that ignores the Token). Make sure it forwards to MPDesk.',
    },
    facts: { status: r.status },
  };
}
