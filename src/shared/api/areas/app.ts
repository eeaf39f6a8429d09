import { defineMethod } from '../define';
import { noInput } from './common';

export interface ListenerInfo {
  host: string;
  port: number;
  url: string;
}

export interface AppStatus {
  version: string;
  shell: 'electron' | 'headless';
  dataDir: string;
  startedAt: number;
  callbackListener: ListenerInfo | null;
  accountCount: number;
}

export const appMethods = {
  'app.status': defineMethod<AppStatus>()(noInput),
};

export interface AppEvents {
  /** Sent when anything in app.status changes (listener up/down, accounts added). */
  'app.changed': AppStatus;
}
