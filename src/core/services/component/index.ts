/** The third-party platform (第三方平台, docs/wechat-protocol.md §11): its module for create-core.ts. */
export { createComponentModule, type ComponentModule } from './component-module';
