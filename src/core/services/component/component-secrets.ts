/** §11.2: a verify ticket is valid 12 h. */
export const TICKET_TTL_MS = 12 * 3_600_000;

/** The platform's sealed values in the SecretStore (docs/architecture.md §5), namespaced by platform. */
export type Sec = 'appSecret' | 'token' | 'aesKey' | 'ticket' | 'componentToken' | 'sandboxSecret';
export const secName = (id: string, k: Sec) => `component:${id}:${k}`;
export const authName = (id: string, appid: string, k: 'access' | 'refresh') =>
  `component:${id}:authorizer:${appid}:${k}`;
