import type { AreaHandlers } from '../handler-types';
import type { ComponentParts } from './component-parts';

/** `component.*` (docs/wechat-protocol.md §11). */
export function componentHandlers(
  { platforms, tokens, authorizers }: ComponentParts,
  pushTicket: (id: string) => Promise<void>,
): AreaHandlers<'component.'> {
  return {
    'component.list': () => platforms.list(),
    'component.configure': (input) => platforms.configure(input),
    'component.delete': ({ id }) => platforms.delete(id),
    'component.refreshToken': ({ id }) => tokens.refreshToken(id),
    'component.buildAuthUrl': (input) => authorizers.buildAuthUrl(input),
    'component.refreshAuthorizer': ({ id, authorizerAppid }) =>
      authorizers.refreshAuthorizer(id, authorizerAppid),
    'component.pushTicket': async ({ id }) => {
      await pushTicket(id);
      return platforms.get(id);
    },
  };
}
