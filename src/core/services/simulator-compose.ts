import { bareScene } from '../../shared/api/areas/rules';
import type { SimulatorCompose } from '../../shared/api/areas/simulator';
import { randomAlnum, type Random } from '../runtime';

/** A composed message's fields, and the nested ScanCodeInfo of the scancode events (§2.4). */
export interface ComposedFields {
  fields: Record<string, string>;
  scanCode?: { ScanType: string; ScanResult: string };
}

/**
 * The fields WeChat puts in the XML for what a fan did (docs/wechat-protocol.md §2.3 messages, §2.4
 * events), from the fields the fan gives: media get a MediaId, QR scans a Ticket, as WeChat's do.
 * ToUserName, FromUserName, CreateTime and MsgId are the simulator's to fill (SimulatorService).
 */
export function composeFields(c: SimulatorCompose, random: Random): ComposedFields {
  const mediaId = () => randomAlnum(random, 24);
  const event = (Event: string, rest: Record<string, string> = {}) => ({
    fields: { MsgType: 'event', Event, ...rest },
  });
  switch (c.kind) {
    case 'text':
      return { fields: { MsgType: 'text', Content: c.Content } };
    case 'image':
      return { fields: { MsgType: 'image', PicUrl: c.PicUrl, MediaId: mediaId() } };
    case 'voice': {
      const fields: Record<string, string> = { MsgType: 'voice', MediaId: mediaId(), Format: c.Format };
      if (c.Recognition) fields.Recognition = c.Recognition;
      return { fields };
    }
    case 'location':
      return {
        fields: {
          MsgType: 'location',
          Location_X: c.Location_X,
          Location_Y: c.Location_Y,
          Scale: c.Scale,
          Label: c.Label ?? '',
        },
      };
    case 'link':
      return {
        fields: { MsgType: 'link', Title: c.Title, Description: c.Description ?? '', Url: c.Url },
      };
    case 'subscribe': {
      // §2.4: a follow through a parametric QR code carries its scene and ticket; a scene typed
      // with its qrscene_ already gets no second one.
      const scene = bareScene(c.scene);
      return event('subscribe', scene ? { EventKey: `qrscene_${scene}`, Ticket: `gQ${mediaId()}` } : {});
    }
    case 'unsubscribe':
      return event('unsubscribe');
    case 'SCAN':
      // A SCAN's EventKey is the bare scene (§2.4), however it was typed.
      return event('SCAN', { EventKey: bareScene(c.scene) ?? c.scene, Ticket: `gQ${mediaId()}` });
    case 'LOCATION':
      return event('LOCATION', { Latitude: c.Latitude, Longitude: c.Longitude, Precision: c.Precision });
    case 'CLICK':
    case 'VIEW':
      return event(c.kind, { EventKey: c.EventKey });
    case 'scancode_push':
    case 'scancode_waitmsg':
      return {
        ...event(c.kind, { EventKey: c.EventKey }),
        scanCode: { ScanType: 'qrcode', ScanResult: c.ScanResult },
      };
  }
}
