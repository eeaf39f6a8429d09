export { createFanActivity, createFansModule } from './fans-module';
export type { FanActivityParts, FansModule } from './fans-module';
