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
 * Parses a decrypted (or plaintext) callback body into the typed union (wechat-reference.md §2,
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
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
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
  const t = (name: string) => textOf(raw[name]);
  if (!('MsgType' in raw) && 'InfoType' in raw) return componentPush(raw);

  const common: InboundCommon = {
    toUserName: t('ToUserName'),
    fromUserName: t('FromUserName'),
    createTime: seconds(t('CreateTime')),
    msgType: t('MsgType'),
    raw,
  };
  // MsgDataId / Idx only when the message comes from an article (§2.2).
  const msgDataId = optional(raw, 'MsgDataId');
  const idx = optional(raw, 'Idx');
  const message = {
    ...common,
    msgId: t('MsgId'),
    ...(msgDataId !== undefined && { msgDataId }),
    ...(idx !== undefined && { idx }),
  };

  switch (common.msgType.toLowerCase()) {
    case 'text': {
      const bizMsgMenuId = optional(raw, 'bizmsgmenuid');
      return {
        ...message,
        type: 'text',
        content: t('Content'),
        ...(bizMsgMenuId !== undefined && { bizMsgMenuId }),
      };
    }
    case 'image':
      return { ...message, type: 'image', picUrl: t('PicUrl'), mediaId: t('MediaId') };
    case 'voice': {
      const mediaId16K = optional(raw, 'MediaId16K');
      const recognition = optional(raw, 'Recognition');
      return {
        ...message,
        type: 'voice',
        mediaId: t('MediaId'),
        format: t('Format'),
        ...(mediaId16K !== undefined && { mediaId16K }),
        ...(recognition !== undefined && { recognition }),
      };
    }
    case 'video':
    case 'shortvideo':
      return {
        ...message,
        type: common.msgType.toLowerCase() as 'video' | 'shortvideo',
        mediaId: t('MediaId'),
        thumbMediaId: t('ThumbMediaId'),
      };
    case 'location':
      return {
        ...message,
        type: 'location',
        latitude: t('Location_X'),
        longitude: t('Location_Y'),
        scale: t('Scale'),
        label: t('Label'),
      };
    case 'link':
      return { ...message, type: 'link', title: t('Title'), description: t('Description'), url: t('Url') };
    case 'file':
      return {
        ...message,
        type: 'file',
        title: t('Title'),
        description: t('Description'),
        fileKey: t('FileKey'),
        fileMd5: t('FileMd5'),
        fileTotalLen: t('FileTotalLen'),
      };
    case 'event':
      return parseEvent(common, raw);
    default:
      return { ...common, type: 'unknown', msgId: 'MsgId' in raw ? t('MsgId') : null };
  }
}

function parseEvent(common: InboundCommon, raw: XmlFields): InboundEvent {
  const t = (name: string) => textOf(raw[name]);
  const base = { ...common, type: 'event' as const };
  const eventKey = t('EventKey');
  const name = t('Event');
  const event = EVENT_BY_LOWER.get(name.toLowerCase());
  const ticket = 'Ticket' in raw ? t('Ticket') : null;
  switch (event) {
    case 'subscribe':
      return {
        ...base,
        event,
        eventKey,
        scene: eventKey.startsWith('qrscene_') ? eventKey.slice('qrscene_'.length) : null,
        ticket,
      };
    case 'unsubscribe':
      return { ...base, event };
    case 'SCAN':
      return { ...base, event, eventKey, scene: eventKey, ticket };
    case 'LOCATION':
      return {
        ...base,
        event,
        latitude: t('Latitude'),
        longitude: t('Longitude'),
        precision: t('Precision'),
      };
    case 'CLICK':
      return { ...base, event, eventKey };
    case 'VIEW':
    case 'view_miniprogram':
      return { ...base, event, eventKey, menuId: 'MenuId' in raw ? t('MenuId') : null } satisfies ViewEvent;
    case 'scancode_push':
    case 'scancode_waitmsg': {
      const info = fieldsOf(raw.ScanCodeInfo);
      return {
        ...base,
        event,
        eventKey,
        scanType: textOf(info.ScanType),
        scanResult: textOf(info.ScanResult),
      } satisfies ScanCodeEvent;
    }
    case 'pic_sysphoto':
    case 'pic_photo_or_album':
    case 'pic_weixin': {
      const info = fieldsOf(raw.SendPicsInfo);
      const items = listOf(fieldsOf(info.PicList).item);
      return {
        ...base,
        event,
        eventKey,
        count: count(textOf(info.Count)),
        pictures: items.map((i) => ({ md5: textOf(fieldsOf(i).PicMd5Sum) })),
      } satisfies PicEvent;
    }
    case 'location_select': {
      const info = fieldsOf(raw.SendLocationInfo);
      return {
        ...base,
        event,
        eventKey,
        location: {
          x: textOf(info.Location_X),
          y: textOf(info.Location_Y),
          scale: textOf(info.Scale),
          label: textOf(info.Label),
          poiname: textOf(info.Poiname),
        },
      };
    }
    case 'TEMPLATESENDJOBFINISH': {
      const status = t('Status');
      return {
        ...base,
        event,
        msgId: jobMsgId(raw),
        status,
        failed: status.trim().toLowerCase().startsWith('failed'),
      };
    }
    case 'MASSSENDJOBFINISH':
      return {
        ...base,
        event,
        msgId: jobMsgId(raw),
        status: t('Status'),
        totalCount: count(t('TotalCount')),
        filterCount: count(t('FilterCount')),
        sentCount: count(t('SentCount')),
        errorCount: count(t('ErrorCount')),
      };
    default:
      return { ...base, event: 'other', name, eventKey };
  }
}

/** Job-finish events spell it `MsgID` (§2.4); accept `MsgId` too. */
function jobMsgId(raw: XmlFields): string {
  return textOf(raw.MsgID ?? raw.MsgId);
}

function componentPush(raw: XmlFields): ComponentPush {
  const t = (name: string) => textOf(raw[name]);
  const base = { type: 'component' as const, appId: t('AppId'), createTime: seconds(t('CreateTime')), raw };
  const infoType = t('InfoType');
  switch (infoType) {
    case 'component_verify_ticket':
      return { ...base, infoType, ticket: t('ComponentVerifyTicket') };
    case 'authorized':
    case 'updateauthorized':
      return {
        ...base,
        infoType,
        authorizerAppid: t('AuthorizerAppid'),
        authorizationCode: t('AuthorizationCode'),
        authorizationCodeExpiredTime: seconds(t('AuthorizationCodeExpiredTime')),
        preAuthCode: t('PreAuthCode'),
      };
    case 'unauthorized':
      return { ...base, infoType, authorizerAppid: t('AuthorizerAppid') };
    default:
      return { ...base, infoType: 'other', name: infoType };
  }
}
