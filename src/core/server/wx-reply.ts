import { ruleReplySummary, type AccountCredentials, type XmlFields } from '../wechat';
import type { Runtime } from '../runtime';
import {
  callbackMessage,
  isReplyMessage,
  replyMessageFields,
  type CallbackMessage,
} from '../store/repos/conversation-messages';
import { SUCCESS, textAnswer, XML_TYPE, type Answer, type StageTimer } from './pipeline';
import { ruleReplyXml, type AccountCrypto } from './reply-adapter';
import type { HandleResult } from './wx-handlers';

/** The build stage's result: the answer and the reply as built, before encryption. */
export interface Built {
  answer: Answer;
  replyPlain: string;
}

/**
 * What the handlers decided, as the HTTP answer (§3: passive reply XML, encrypted in safe mode
 * §4.2; an upstream's relayed reply; or `success`) and as the conversation's outbound message.
 * Timed as the `build` and `encrypt` stages.
 */
export class ReplyWriter {
  constructor(
    private readonly crypto: AccountCrypto,
    private readonly rt: Runtime,
  ) {}

  build(t: StageTimer, account: AccountCredentials, fields: XmlFields, aes: boolean, h: HandleResult): Built {
    if (h.relay) {
      return {
        answer: {
          status: 200,
          body: h.relay.body,
          type: XML_TYPE,
          outcome: 'ok',
          reason: 'upstream_replied',
          detail: null,
        },
        replyPlain: h.relay.plainXml,
      };
    }
    const passive = h.passive;
    if (!passive) return { answer: textAnswer(SUCCESS, 'ok', 'acknowledged'), replyPlain: SUCCESS };
    const now = Math.floor(this.rt.clock.now() / 1000);
    const xml = t.time('build', () => ruleReplyXml(passive, fields, now));
    const body = aes ? t.time('encrypt', () => this.crypto.envelope(account, xml, now, this.rt)) : xml;
    return {
      answer: { status: 200, body, type: XML_TYPE, outcome: 'ok', reason: 'replied', detail: null },
      replyPlain: xml,
    };
  }

  /** Our passive reply as the fan's conversation shows it; null when it is no message (`success`). */
  outboundConv(
    logId: number,
    at: number,
    accountId: string,
    openid: string,
    replyPlain: string,
    h: HandleResult,
  ): CallbackMessage | null {
    if (!openid || !isReplyMessage(replyPlain)) return null;
    // Our own reply is known as data; only an upstream's XML needs parsing.
    const reply =
      h.passive && !h.relay
        ? {
            msgType: h.passive.type === 'transfer' ? 'transfer_customer_service' : h.passive.type,
            summary: ruleReplySummary(h.passive),
          }
        : replyMessageFields(replyPlain);
    // Read back from the log, the reply carries the request's time (store/repos/conversation-messages.ts).
    return callbackMessage(accountId, openid, 'out', reply.msgType, reply.summary, at, logId);
  }
}
