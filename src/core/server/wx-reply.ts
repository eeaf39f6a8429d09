import { ruleReplySummary, type AccountCredentials, type XmlFields } from '../wechat';
import type { Runtime } from '../runtime';
import {
  isReplyMessage,
  replyMessageFields,
  type CallbackMessage,
} from '../store/repos/conversation-messages';
import { ruleReplyXml, type AccountCrypto } from './reply-adapter';
import type { HandleResult } from './wx-handlers';
import { SUCCESS, textAnswer, XML_TYPE, type Answer, type Draft } from './wx-draft';

/**
 * What the handlers decided, as the HTTP answer (§3: passive reply XML, encrypted in safe mode
 * §4.2; an upstream's relayed reply; or `success`) and as the conversation's outbound message.
 */
export class ReplyWriter {
  constructor(
    private readonly crypto: AccountCrypto,
    private readonly rt: Runtime,
  ) {}

  buildAnswer(
    draft: Draft,
    account: AccountCredentials,
    fields: XmlFields,
    aes: boolean,
    h: HandleResult,
  ): Answer {
    const { t } = draft;
    if (h.relay) {
      draft.replyPlain = h.relay.plainXml;
      t.end('build');
      return {
        status: 200,
        body: h.relay.body,
        headers: { 'content-type': XML_TYPE },
        outcome: 'ok',
        reason: 'upstream_replied',
      };
    }
    if (!h.passive) {
      draft.replyPlain = 'success';
      t.end('build');
      return textAnswer(SUCCESS, 'ok', 'acknowledged');
    }
    const now = Math.floor(this.rt.clock.now() / 1000);
    const xml = ruleReplyXml(h.passive, fields, now);
    draft.replyPlain = xml;
    t.end('build');
    const body = aes ? this.crypto.envelope(account, xml, now, this.rt) : xml;
    if (aes) t.end('encrypt');
    return {
      status: 200,
      body,
      headers: { 'content-type': XML_TYPE },
      outcome: 'ok',
      reason: 'replied',
    };
  }

  outboundConv(draft: Draft, accountId: string, openid: string, h: HandleResult): CallbackMessage | null {
    if (!openid || !isReplyMessage(draft.replyPlain)) return null;
    // Our own reply is known as data; only an upstream's XML needs parsing.
    const reply =
      h.passive && !h.relay
        ? {
            msgType: h.passive.type === 'transfer' ? 'transfer_customer_service' : h.passive.type,
            summary: ruleReplySummary(h.passive),
          }
        : replyMessageFields(draft.replyPlain);
    // Read back from the log, the reply carries the request's time (store/repos/conversation-messages.ts).
    return { accountId, openid, direction: 'out', ...reply, via: 'passive', at: draft.at, logId: draft.id };
  }
}
