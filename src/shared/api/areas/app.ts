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

/**
 * Where the desktop app's self-update stands (electron-updater, generic feed).
 * - unsupported: headless mode; it is updated with the package or the git checkout, not by itself.
 * - off: no feed set (Settings) and none built into the installer.
 * - idle → checking → up-to-date | downloading → ready (restart to install) | error.
 */
export const UPDATE_STATES = [
  'unsupported',
  'off',
  'idle',
  'checking',
  'up-to-date',
  'downloading',
  'ready',
  'error',
] as const;
export type UpdateState = (typeof UPDATE_STATES)[number];

export interface UpdateStatus {
  state: UpdateState;
  currentVersion: string;
  /** The feed checked, null when off or unsupported. */
  feedUrl: string | null;
  /** The newer version found (downloading or ready). */
  availableVersion: string | null;
  /** Download progress, 0-100, while downloading. */
  percent: number | null;
  /** When the last check finished (epoch ms). */
  checkedAt: number | null;
  /** Why the last check or download failed (the updater's words, English). */
  error: string | null;
}

export const appMethods = {
  'app.status': defineMethod<AppStatus>()(noInput),
  'app.updates': defineMethod<UpdateStatus>()(noInput),
  /** Checks the feed now; a newer version downloads in the background. */
  'app.checkForUpdates': defineMethod<UpdateStatus>()(noInput),
  /** Quits and installs a downloaded update (state `ready`). */
  'app.installUpdate': defineMethod<UpdateStatus>()(noInput),
};

export interface AppEvents {
  /** Sent when anything in app.status changes (listener up/down, accounts added). */
  'app.changed': AppStatus;
  'app.updateChanged': UpdateStatus;
}
