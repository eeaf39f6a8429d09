import { SCAN_AND_PICK_BUTTON_TYPES } from '../../shared/api/areas/menu';
import type {
  ComponentPush,
  InboundCommon,
  InboundEvent,
  InboundMessage,
  PicEvent,
  ScanCodeEvent,
  ViewEvent,
} from './inbound-types';
import {
  fieldsOf,
  listOf,
  parseXmlDocument,
  textOf,
  type ParseXmlOptions,
  type XmlFields,
} from './xml-codec';

/**
 * Parses a decrypted (or plaintext) callback body into the typed union (docs/wechat-protocol.md §2,
 * §11.2-§11.3). Total: any XML with an `<xml>` root gives a value (unknown types become
 * `unknown` / `other`); anything else throws WechatProtocolError('xml').
 */
export function parseInboundXml(input: string | Uint8Array, options?: ParseXmlOptions): InboundMessage {
  return inboundFromFields(parseXmlDocument(input, options));
}

const EVENT_NAMES = [
  'subscribe',
  'unsubscribe',
  'SCAN',
  'LOCATION',
  'CLICK',
  'VIEW',
  'view_miniprogram',
  ...SCAN_AND_PICK_BUTTON_TYPES,
  'TEMPLATESENDJOBFINISH',
  'MASSSENDJOBFINISH',
] as const;
type KnownEvent = (typeof EVENT_NAMES)[number];
// §2.4: case differs between events; match case-insensitively as wechatpy does.
const EVENT_BY_LOWER = new Map<string, KnownEvent>(EVENT_NAMES.map((e) => [e.toLowerCase(), e]));

const seconds = (s: string): number => (/^\d{1,15}$/.test(s.trim()) ? Number(s.trim()) : 0);
const count = seconds;
const optional = (f: XmlFields, name: string): string | undefined =>
  Object.hasOwn(f, name) ? textOf(f[name]) : undefined;

export function inboundFromFields(raw: XmlFields): InboundMessage {
  if (!('MsgType' in raw) && 'InfoType' in raw) return componentPush(raw);

  const common: InboundCommon = {
    toUserName: textOf(raw.ToUserName),
    fromUserName: textOf(raw.FromUserName),
    createTime: seconds(textOf(raw.CreateTime)),
    msgType: textOf(raw.MsgType),
    raw,
  };
  // Each result is `common` extended in place with Object.assign: object spread costs far more
  // here and this runs for every callback. No closures per call either, for the same reason.
  switch (common.msgType.toLowerCase()) {
    case 'text':
      return withOptional(
        Object.assign(messageBase(common, raw), { type: 'text' as const, content: textOf(raw.Content) }),
        {
          bizMsgMenuId: optional(raw, 'bizmsgmenuid'),
        },
      );
    case 'image':
      return Object.assign(messageBase(common, raw), {
        type: 'image' as const,
        picUrl: textOf(raw.PicUrl),
        mediaId: textOf(raw.MediaId),
      });
    case 'voice':
      return withOptional(
        Object.assign(messageBase(common, raw), {
          type: 'voice' as const,
          mediaId: textOf(raw.MediaId),
          format: textOf(raw.Format),
        }),
        { mediaId16K: optional(raw, 'MediaId16K'), recognition: optional(raw, 'Recognition') },
      );
    case 'video':
    case 'shortvideo':
      return Object.assign(messageBase(common, raw), {
        type: common.msgType.toLowerCase() as 'video' | 'shortvideo',
        mediaId: textOf(raw.MediaId),
        thumbMediaId: textOf(raw.ThumbMediaId),
      });
    case 'location':
      return Object.assign(messageBase(common, raw), {
        type: 'location' as const,
        latitude: textOf(raw.Location_X),
        longitude: textOf(raw.Location_Y),
        scale: textOf(raw.Scale),
        label: textOf(raw.Label),
      });
    case 'link':
      return Object.assign(messageBase(common, raw), {
        type: 'link' as const,
        title: textOf(raw.Title),
        description: textOf(raw.Description),
        url: textOf(raw.Url),
      });
    case 'file':
      return Object.assign(messageBase(common, raw), {
        type: 'file' as const,
        title: textOf(raw.Title),
        description: textOf(raw.Description),
        fileKey: textOf(raw.FileKey),
        fileMd5: textOf(raw.FileMd5),
        fileTotalLen: textOf(raw.FileTotalLen),
      });
    case 'event':
      return parseEvent(common, raw);
    default:
      return Object.assign(common, {
        type: 'unknown' as const,
        msgId: Object.hasOwn(raw, 'MsgId') ? textOf(raw.MsgId) : null,
      });
  }
}

/** A normal message's common part: MsgId, and MsgDataId / Idx when it comes from an article (§2.2). */
function messageBase(common: InboundCommon, raw: XmlFields) {
  return withOptional(Object.assign(common, { msgId: textOf(raw.MsgId) }), {
    msgDataId: optional(raw, 'MsgDataId'),
    idx: optional(raw, 'Idx'),
  });
}

/** Sets the fields whose element was present; absent ones stay absent rather than undefined. */
function withOptional<T extends object>(target: T, fields: Record<string, string | undefined>): T {
  for (const [k, v] of Object.entries(fields))
    if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  return target;
}

function parseEvent(common: InboundCommon, raw: XmlFields): InboundEvent {
  const base = Object.assign(common, { type: 'event' as const });
  const eventKey = textOf(raw.EventKey);
  const name = textOf(raw.Event);
  const event = EVENT_BY_LOWER.get(name.toLowerCase());
  const ticket = 'Ticket' in raw ? textOf(raw.Ticket) : null;
  switch (event) {
    case 'subscribe':
      return Object.assign(base, {
        event,
        eventKey,
        scene: eventKey.startsWith('qrscene_') ? eventKey.slice('qrscene_'.length) : null,
        ticket,
      });
    case 'unsubscribe':
      return Object.assign(base, { event });
    case 'SCAN':
      return Object.assign(base, { event, eventKey, scene: eventKey, ticket });
    case 'LOCATION':
      return Object.assign(base, {
        event,
        latitude: textOf(raw.Latitude),
        longitude: textOf(raw.Longitude),
        precision: textOf(raw.Precision),
      });
    case 'CLICK':
      return Object.assign(base, { event, eventKey });
    case 'VIEW':
    case 'view_miniprogram':
      return Object.assign(base, {
        event,
        eventKey,
        menuId: 'MenuId' in raw ? textOf(raw.MenuId) : null,
      }) satisfies ViewEvent;
    case 'scancode_push':
    case 'scancode_waitmsg': {
      const info = fieldsOf(raw.ScanCodeInfo);
      return Object.assign(base, {
        event,
        eventKey,
        scanType: textOf(info.ScanType),
        scanResult: textOf(info.ScanResult),
      }) satisfies ScanCodeEvent;
    }
    case 'pic_sysphoto':
    case 'pic_photo_or_album':
    case 'pic_weixin': {
      const info = fieldsOf(raw.SendPicsInfo);
      const items = listOf(fieldsOf(info.PicList).item);
      return Object.assign(base, {
        event,
        eventKey,
        count: count(textOf(info.Count)),
        pictures: items.map((i) => ({ md5: textOf(fieldsOf(i).PicMd5Sum) })),
      }) satisfies PicEvent;
    }
    case 'location_select': {
      const info = fieldsOf(raw.SendLocationInfo);
      return Object.assign(base, {
        event,
        eventKey,
        location: {
          x: textOf(info.Location_X),
          y: textOf(info.Location_Y),
          scale: textOf(info.Scale),
          label: textOf(info.Label),
          poiname: textOf(info.Poiname),
        },
      });
    }
    case 'TEMPLATESENDJOBFINISH': {
      const status = textOf(raw.Status);
      return Object.assign(base, {
        event,
        msgId: jobMsgId(raw),
        status,
        failed: status.trim().toLowerCase().startsWith('failed'),
      });
    }
    case 'MASSSENDJOBFINISH':
      return Object.assign(base, {
        event,
        msgId: jobMsgId(raw),
        status: textOf(raw.Status),
        totalCount: count(textOf(raw.TotalCount)),
        filterCount: count(textOf(raw.FilterCount)),
        sentCount: count(textOf(raw.SentCount)),
        errorCount: count(textOf(raw.ErrorCount)),
      });
    default:
      return Object.assign(base, { event: 'other' as const, name, eventKey });
  }
}

/** Job-finish events spell it `MsgID` (§2.4); accept `MsgId` too. */
function jobMsgId(raw: XmlFields): string {
  return textOf(raw.MsgID ?? raw.MsgId);
}

function componentPush(raw: XmlFields): ComponentPush {
  const base = {
    type: 'component' as const,
    appId: textOf(raw.AppId),
    createTime: seconds(textOf(raw.CreateTime)),
    raw,
  };
  const infoType = textOf(raw.InfoType);
  switch (infoType) {
    case 'component_verify_ticket':
      return Object.assign(base, { infoType, ticket: textOf(raw.ComponentVerifyTicket) });
    case 'authorized':
    case 'updateauthorized':
      return Object.assign(base, {
        infoType,
        authorizerAppid: textOf(raw.AuthorizerAppid),
        authorizationCode: textOf(raw.AuthorizationCode),
        authorizationCodeExpiredTime: seconds(textOf(raw.AuthorizationCodeExpiredTime)),
        preAuthCode: textOf(raw.PreAuthCode),
      });
    case 'unauthorized':
      return Object.assign(base, { infoType, authorizerAppid: textOf(raw.AuthorizerAppid) });
    default:
      return Object.assign(base, { infoType: 'other' as const, name: infoType });
  }
}
