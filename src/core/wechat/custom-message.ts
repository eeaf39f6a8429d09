/**
 * The port between the callback pipeline (late replies, server/) and the WeChat API client (api/):
 * both sit above this layer, so neither imports the other. create-core.ts wires the API client's
 * implementation in.
 */

/** A customer-service message body exactly as §10.1 of docs/wechat-protocol.md (touser, msgtype, ...). */
export type CustomMessageBody = { touser: string; msgtype: string } & Record<string, unknown>;

export interface CustomerServiceSender {
  /**
   * Sends through `POST /cgi-bin/message/custom/send` for the account, with its access token.
   * Rejects with an AppError('wechat_error', ..., { details: { errcode } }) when WeChat says no.
   */
  sendCustomMessage(accountId: string, body: CustomMessageBody): Promise<void>;
}
