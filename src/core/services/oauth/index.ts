/** Web OAuth (网页授权, docs/wechat-protocol.md §8): the service behind the editor, the callback and `oauth.*`. */
export { createOauthModule } from './oauth-module';
export type { OauthService } from './oauth-service';
