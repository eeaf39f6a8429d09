import type { WechatClient } from '../api/wechat-client';
import type { AreaHandlers } from './handler-types';

/** `api.request`: the 接口调试 console. */
export function apiHandlers(client: WechatClient): AreaHandlers<'api.'> {
  return { 'api.request': (input) => client.raw(input) };
}
