/** Web OAuth (网页授权, docs/wechat-protocol.md §8): the link editor, the callback and the sessions, as a module. */
export { createOauthModule } from './oauth-module';
export type { ComponentSnsPort, FanProfilePort } from './oauth-deps';
