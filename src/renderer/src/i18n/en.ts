import { accountsMessages } from '../features/accounts/messages';
import { componentMessages } from '../features/component/messages';
import { settingsMessages } from '../features/settings/messages';
import { shellMessages } from '../shell/messages';
import { commonMessages } from './common-messages';
import { validationMessages } from './validation-messages';

/** The English dictionary: the reference key set. A new screen adds its messages here and in zh-CN.ts. */
export const en = {
  ...commonMessages.en,
  ...validationMessages.en,
  ...shellMessages.en,
  ...accountsMessages.en,
  ...settingsMessages.en,
  ...componentMessages.en,
};

export type MessageKey = keyof typeof en;
export type Dictionary = Record<MessageKey, string>;
