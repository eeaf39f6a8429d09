import type { Runtime } from '../runtime';
import { verifySignature, type AccountCredentials } from '../wechat';
import { failureAddress, type FailureLimiter } from './failure-limiter';
import {
  refused,
  reject,
  type Admitted,
  type Facts,
  type Handled,
  type InboundRequest,
  type LoggedRoute,
  type RequestHead,
} from './pipeline';
import { AccountCrypto } from './reply-adapter';
import { UNVERIFIED_BODY_KEEP } from './unverified';
import { decodeRequest } from './wx-decode';
import { WxDelivery, type DeliveryDeps } from './wx-delivery';

export interface WxRouteDeps extends DeliveryDeps {
  accounts: { credentialsBySlug(slug: string): AccountCredentials | undefined };
  rt: Runtime;
  /** Refuses addresses that keep failing the checks (never a signed request). */
  limiter: FailureLimiter;
  /** settings.callbackTimestampWindowS: how far a signed POST's timestamp may lie from now. */
  timestampWindowS: () => number;
}

interface Found {
  account: AccountCredentials | undefined;
  facts: Facts;
}

/**
 * `GET|POST /wx/<slug>`: server verification and the messages and events of one account, the
 * message pipeline of docs/architecture.md §4 as stages: decode (verify, decrypt, parse), dedupe,
 * handle, build (wx-delivery.ts). The pipeline logs and answers.
 */
export class WxRoute implements LoggedRoute<Found> {
  private readonly crypto = new AccountCrypto();
  private readonly delivery: WxDelivery;

  constructor(private readonly d: WxRouteDeps) {
    this.delivery = new WxDelivery(d, this.crypto);
  }

  match(pathname: string): boolean {
    return pathname.startsWith('/wx/');
  }

  admit(head: RequestHead): Admitted<Found> | Handled {
    const slug = head.pathname.slice('/wx/'.length);
    const account = this.d.accounts.credentialsBySlug(slug);
    // WeChat signs every request to this path, in every mode; without its parameters it is not WeChat.
    const facts: Facts = { slug, accountId: account?.id ?? null, notWechat: !carriesSignature(head.q) };
    // An address that keeps failing: unless the query is signed, refuse without reading the body.
    if (
      head.source === 'wechat' &&
      this.d.limiter.active &&
      this.d.limiter.limited(failureAddress(head.raw))
    ) {
      const q = head.q;
      const signed =
        !!account &&
        !!q &&
        verifySignature(
          account.token ?? '',
          q.get('timestamp') ?? '',
          q.get('nonce') ?? '',
          q.get('signature'),
        );
      if (!signed) {
        return refused(
          account
            ? reject(401, 'bad_signature', 'invalid signature', 'the query carries no valid signature')
            : reject(404, 'unknown_account', 'unknown account', `no account uses /wx/${slug}`),
          facts,
        );
      }
    }
    // Nobody's account: what arrived is kept as a prefix, and only that much is held in memory.
    return { keep: account ? Infinity : UNVERIFIED_BODY_KEEP, state: { account, facts }, facts };
  }

  handle(req: InboundRequest, { account, facts }: Found): Handled | Promise<Handled> {
    if (!account) {
      return refused(
        reject(
          404,
          'unknown_account',
          'unknown account',
          `no account uses the callback path ${req.pathname}`,
        ),
        facts,
      );
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      const detail = `${req.method} is not used by WeChat (GET verifies, POST delivers)`;
      return refused(
        {
          ...reject(405, 'method_not_allowed', 'method not allowed', detail),
          headers: { allow: 'GET, POST' },
        },
        facts,
      );
    }
    const q = req.q;
    if (!q)
      return refused(
        reject(400, 'bad_request', 'bad query', 'malformed percent-encoding in the query'),
        facts,
      );
    const decoded = decodeRequest(req, account, q, this.crypto, {
      nowMs: this.d.rt.clock.now(),
      windowS: this.d.timestampWindowS(),
    });
    if ('answer' in decoded) {
      return refused(decoded.answer, {
        ...facts,
        verified: decoded.verified,
        decryptedXml: decoded.decryptedXml ?? null,
        replyPlain: decoded.replyPlain ?? null,
      });
    }
    return this.delivery.deliver(req, account, decoded, facts);
  }
}

/** WeChat's signature parameters (§1, §2.1, §4.2): every request WeChat sends to a callback carries them. */
export function carriesSignature(q: Map<string, string> | undefined): boolean {
  return !!q && (q.has('signature') || q.has('msg_signature'));
}
