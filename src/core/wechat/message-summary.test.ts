import { describe, expect, it } from 'vitest';
import { PREVIEW_CHARS } from '../../shared/api/areas/callbacks';
import { messagePreview } from './message-summary';

describe('messagePreview', () => {
  it('cuts a long text at PREVIEW_CHARS without splitting an emoji, and marks the cut', () => {
    const atCut = `${'a'.repeat(PREVIEW_CHARS - 1)}😀tail`;
    expect(messagePreview({ MsgType: 'text', Content: atCut })).toBe(`${'a'.repeat(PREVIEW_CHARS - 1)}…`);
    const exact = 'b'.repeat(PREVIEW_CHARS);
    expect(messagePreview({ MsgType: 'text', Content: exact })).toBe(exact);
  });

  it('names no type and has nothing for media, ticket pushes or empty fields', () => {
    expect(messagePreview({ MsgType: 'event', Event: 'CLICK', EventKey: 'K' })).toBe('K');
    expect(messagePreview({ MsgType: 'event', Event: 'unsubscribe' })).toBeNull();
    expect(messagePreview({ MsgType: 'location', Location_X: '1', Location_Y: '2' })).toBe('1,2');
    expect(messagePreview({ MsgType: 'voice', MediaId: 'm' })).toBeNull();
    expect(
      messagePreview({ InfoType: 'component_verify_ticket', ComponentVerifyTicket: 'secret' }),
    ).toBeNull();
    expect(messagePreview({ MsgType: 'text', Content: '' })).toBeNull();
  });
});
