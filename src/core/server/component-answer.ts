import type { CallbackReason } from '../../shared/api/areas/callbacks';
import type { XmlFields } from '../wechat';
import { reject, SUCCESS, textAnswer, type Facts, type Handled } from './pipeline';

/*
 * The verdicts a third-party platform's requests come to (docs/wechat-protocol.md §11), in the
 * pipeline's one answer type: the component port (component-routes.ts) returns them.
 */

/** A refusal, logged with its typed reason (the request goes no further). */
export const refuse = (
  status: number,
  reason: CallbackReason,
  text: string,
  detail: string,
  facts?: Facts,
): Handled => ({ answer: reject(status, reason, text, detail), facts });

/** `success`: what WeChat expects for a push that needs no reply (§11.1). */
export const ack = (
  detail: string,
  decryptedXml: string,
  fields: XmlFields,
  after?: () => Promise<void>,
): Handled => ({
  answer: textAnswer(SUCCESS, 'ok', 'acknowledged', detail),
  facts: { verified: true, decryptedXml, fields, replyPlain: SUCCESS },
  after: after && followUp(after),
});

/** Work after the answer (code exchanges, custom sends): its failure is a console line, never the request's. */
export const followUp = (work: () => Promise<void>) => (): void =>
  void work().catch((e: unknown) => console.error('[component] follow-up failed', e));
