import type { CallbackOutcome, CallbackReason } from '../../shared/api/areas/callbacks';
import { TEXT_TYPE } from './wx-draft';
import type { XmlFields } from '../wechat';

/** What one component request comes to: the answer and everything the callback log keeps. */
export interface ComponentAnswer {
  status: number;
  body: string;
  contentType: string;
  outcome: CallbackOutcome;
  reason: CallbackReason;
  detail: string;
  decryptedXml: string | null;
  fields: XmlFields | null;
  replyPlain: string | null;
  /** The MPDesk account whose appid the message is for, if there is one (its rules answered). */
  accountId?: string | null;
  /** `rule:<id>` when the account's rules answered. */
  matched?: string | null;
  /** Its signature (and timestamp) held: the body is stored whole and the failure never limited. */
  signed?: boolean;
  /** Work that runs once the request is logged and answered (code exchanges, custom sends). */
  after?: () => Promise<void>;
}

/** A refusal, logged with its typed reason (the request goes no further). */
export const refuse = (
  status: number,
  reason: CallbackReason,
  text: string,
  detail: string,
  extra: Partial<ComponentAnswer> = {},
): ComponentAnswer => ({
  status,
  body: `${text}\n`,
  contentType: TEXT_TYPE,
  outcome: 'rejected',
  reason,
  detail,
  decryptedXml: null,
  fields: null,
  replyPlain: null,
  ...extra,
});

/** `success`: what WeChat expects for a component push that needs no reply (§11.1). */
export const ack = (
  detail: string,
  decryptedXml: string,
  fields: XmlFields,
  after?: () => Promise<void>,
): ComponentAnswer => ({
  status: 200,
  body: 'success',
  contentType: TEXT_TYPE,
  outcome: 'ok',
  reason: 'acknowledged',
  detail,
  decryptedXml,
  fields,
  replyPlain: 'success',
  after,
});
