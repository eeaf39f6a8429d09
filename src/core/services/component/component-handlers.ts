import type { AreaHandlers } from '../handler-types';
import type { ComponentService } from './component-service';

/** `component.*` (docs/wechat-protocol.md §11). */
export function componentHandlers(
  service: ComponentService,
  pushTicket: (id: string) => Promise<void>,
): AreaHandlers<'component.'> {
  return {
    'component.list': () => service.list(),
    'component.configure': (input) => service.configure(input),
    'component.delete': ({ id }) => service.delete(id),
    'component.refreshToken': ({ id }) => service.refreshToken(id),
    'component.buildAuthUrl': (input) => service.buildAuthUrl(input),
    'component.refreshAuthorizer': ({ id, authorizerAppid }) =>
      service.refreshAuthorizer(id, authorizerAppid),
    'component.pushTicket': async ({ id }) => {
      await pushTicket(id);
      return service.get(id);
    },
  };
}
