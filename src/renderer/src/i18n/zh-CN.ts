import { accountsMessages } from '../features/accounts/messages';
import { componentMessages } from '../features/component/messages';
import { settingsMessages } from '../features/settings/messages';
import { shellMessages } from '../shell/messages';
import { commonMessages } from './common-messages';
import { validationMessages } from './validation-messages';
import type { Dictionary } from './en';

/** 简体中文. Typed as the English key set, so a missing key does not compile. */
export const zhCN: Dictionary = {
  ...commonMessages['zh-CN'],
  ...validationMessages['zh-CN'],
  ...shellMessages['zh-CN'],
  ...accountsMessages['zh-CN'],
  ...settingsMessages['zh-CN'],
  ...componentMessages['zh-CN'],
};
