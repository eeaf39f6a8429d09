import { defineMethod } from '../define';
import { noInput } from './common';

export interface ListenerInfo {
  host: string;
  port: number;
  url: string;
}

/**
 * The callback log cannot be written (a full disk, a read-only data folder): every request is
 * answered HTTP 500 instead of 200, so that a 200 always means the log holds the request, and
 * WeChat retries each message (3 deliveries over ~15 s). Cleared by the next request recorded.
 */
export interface CallbackLogFailure {
  /** When the first request could not be recorded (epoch ms). */
  since: number;
  /** Requests answered 500 since then. */
  refused: number;
  cause: 'disk_full' | 'not_writable' | 'other';
  /** SQLite's code and message, for developers (no request data in it). */
  detail: string;
}

export interface AppStatus {
  version: string;
  shell: 'electron' | 'headless';
  dataDir: string;
  startedAt: number;
  callbackListener: ListenerInfo | null;
  accountCount: number;
  callbackLogFailure: CallbackLogFailure | null;
}

export const appMethods = {
  'app.status': defineMethod<AppStatus>()(noInput),
};

export interface AppEvents {
  /** Sent when anything in app.status changes (listener up/down, accounts added). */
  'app.changed': AppStatus;
}
