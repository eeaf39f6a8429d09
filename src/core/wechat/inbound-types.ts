import type { XmlFields } from './xml-codec';

/**
 * What WeChat POSTs, as a discriminated union (docs/wechat-protocol.md §2.2-§2.4, §11.2-§11.3).
 * JSON-safe: ids stay strings (MsgId exceeds 2^53), CreateTime is Unix seconds. `raw` holds every
 * field as received, unknown ones included, so nothing WeChat adds later is lost.
 */
export interface InboundCommon {
  /** The account's `gh_` id. */
  toUserName: string;
  /** The sender's openid. */
  fromUserName: string;
  /** Unix seconds; 0 when missing or not a number. */
  createTime: number;
  /** `MsgType` as sent. */
  msgType: string;
  raw: XmlFields;
}

/** Normal messages carry a 64-bit `MsgId`, and `MsgDataId`/`Idx` when they come from an article. */
interface MessageCommon extends InboundCommon {
  msgId: string;
  msgDataId?: string;
  idx?: string;
}

export interface TextMessage extends MessageCommon {
  type: 'text';
  content: string;
  /** Set when the user tapped a `msgmenu` option (§2.3, unconfirmed). */
  bizMsgMenuId?: string;
}
export interface ImageMessage extends MessageCommon {
  type: 'image';
  picUrl: string;
  mediaId: string;
}
export interface VoiceMessage extends MessageCommon {
  type: 'voice';
  mediaId: string;
  format: string;
  mediaId16K?: string;
  /** Speech-to-text, only with voice recognition on (§2.3). */
  recognition?: string;
}
export interface VideoMessage extends MessageCommon {
  type: 'video' | 'shortvideo';
  mediaId: string;
  thumbMediaId: string;
}
export interface LocationMessage extends MessageCommon {
  type: 'location';
  /** `Location_X`, as sent (a decimal string). */
  latitude: string;
  /** `Location_Y`. */
  longitude: string;
  scale: string;
  label: string;
}
export interface LinkMessage extends MessageCommon {
  type: 'link';
  title: string;
  description: string;
  url: string;
}
/** Not an Official Account type (§2.3: WeCom has it); parsed for completeness. */
export interface FileMessage extends MessageCommon {
  type: 'file';
  title: string;
  description: string;
  fileKey: string;
  fileMd5: string;
  fileTotalLen: string;
}

interface EventCommon extends InboundCommon {
  type: 'event';
}
export interface SubscribeEvent extends EventCommon {
  event: 'subscribe';
  eventKey: string;
  /** Scene of a parametric QR (`EventKey` minus `qrscene_`), null for a plain follow. */
  scene: string | null;
  ticket: string | null;
}
export interface UnsubscribeEvent extends EventCommon {
  event: 'unsubscribe';
}
export interface ScanEvent extends EventCommon {
  event: 'SCAN';
  eventKey: string;
  /** For SCAN the EventKey is the scene itself (no prefix). */
  scene: string;
  ticket: string | null;
}
export interface LocationEvent extends EventCommon {
  event: 'LOCATION';
  latitude: string;
  longitude: string;
  precision: string;
}
export interface ClickEvent extends EventCommon {
  event: 'CLICK';
  eventKey: string;
}
export interface ViewEvent extends EventCommon {
  event: 'VIEW' | 'view_miniprogram';
  /** The URL (VIEW) or mini-program page path (view_miniprogram). */
  eventKey: string;
  menuId: string | null;
}
export interface ScanCodeEvent extends EventCommon {
  event: 'scancode_push' | 'scancode_waitmsg';
  eventKey: string;
  scanType: string;
  scanResult: string;
}
export interface PicEvent extends EventCommon {
  event: 'pic_sysphoto' | 'pic_photo_or_album' | 'pic_weixin';
  eventKey: string;
  count: number;
  pictures: { md5: string }[];
}
export interface LocationSelectEvent extends EventCommon {
  event: 'location_select';
  eventKey: string;
  location: { x: string; y: string; scale: string; label: string; poiname: string };
}
export interface TemplateSendJobFinishEvent extends EventCommon {
  event: 'TEMPLATESENDJOBFINISH';
  /** From `MsgID` (capital ID). */
  msgId: string;
  status: string;
  /** Status strings vary in spacing; anything starting `failed` failed (§2.4). */
  failed: boolean;
}
export interface MassSendJobFinishEvent extends EventCommon {
  event: 'MASSSENDJOBFINISH';
  msgId: string;
  status: string;
  totalCount: number;
  filterCount: number;
  sentCount: number;
  errorCount: number;
}
/** Any other event (kf_*, card, subscribe_msg_popup_event ...): acknowledge with `success`. */
export interface OtherEvent extends EventCommon {
  event: 'other';
  /** `Event` as sent. */
  name: string;
  eventKey: string;
}

export type InboundEvent =
  | SubscribeEvent
  | UnsubscribeEvent
  | ScanEvent
  | LocationEvent
  | ClickEvent
  | ViewEvent
  | ScanCodeEvent
  | PicEvent
  | LocationSelectEvent
  | TemplateSendJobFinishEvent
  | MassSendJobFinishEvent
  | OtherEvent;

/** A `MsgType` we do not know: keep it, acknowledge with `success` (§2.3). */
export interface UnknownMessage extends InboundCommon {
  type: 'unknown';
  msgId: string | null;
}

/** Third-party platform system pushes (§11.2-§11.3): no To/From, an `InfoType` instead. */
interface ComponentCommon {
  type: 'component';
  /** The component (platform) AppID. */
  appId: string;
  createTime: number;
  raw: XmlFields;
}
export interface ComponentVerifyTicketPush extends ComponentCommon {
  infoType: 'component_verify_ticket';
  ticket: string;
}
export interface ComponentAuthorizedPush extends ComponentCommon {
  infoType: 'authorized' | 'updateauthorized';
  authorizerAppid: string;
  authorizationCode: string;
  /** `AuthorizationCodeExpiredTime`, seconds. */
  authorizationCodeExpiredTime: number;
  preAuthCode: string;
}
export interface ComponentUnauthorizedPush extends ComponentCommon {
  infoType: 'unauthorized';
  authorizerAppid: string;
}
export interface ComponentOtherPush extends ComponentCommon {
  infoType: 'other';
  name: string;
}
export type ComponentPush =
  ComponentVerifyTicketPush | ComponentAuthorizedPush | ComponentUnauthorizedPush | ComponentOtherPush;

export type InboundMessage =
  | TextMessage
  | ImageMessage
  | VoiceMessage
  | VideoMessage
  | LocationMessage
  | LinkMessage
  | FileMessage
  | InboundEvent
  | UnknownMessage
  | ComponentPush;
