import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** Stable defaults so a tunnel or bookmark keeps working across restarts; 0 picks a free port. */
export const DEFAULT_CONSOLE_PORT = 17390;
export const DEFAULT_CALLBACK_PORT = 17391;

export interface HeadlessOptions {
  dataDir: string;
  consolePort: number;
  callbackPort: number;
  /** Console access token; random per start unless given. */
  token?: string;
  /** Address the callback listener binds; 127.0.0.1 unless the user says otherwise. */
  callbackHost: string;
}

/** Where users expect app data: XDG on Linux, Application Support on macOS, APPDATA on Windows. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'MPDesk');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'MPDesk');
  return path.join(env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share'), 'mpdesk');
}

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${name} must be a port number 0-65535, got "${value}"`);
  return n;
}

/** Flags win over environment variables, which win over defaults. */
export function parseHeadlessOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): HeadlessOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      'console-port': { type: 'string' },
      'callback-port': { type: 'string' },
      'callback-host': { type: 'string' },
      token: { type: 'string' },
    },
    strict: true,
  });
  const token = values.token ?? env.MPDESK_TOKEN;
  if (token !== undefined && !/^[A-Za-z0-9_-]{16,128}$/.test(token)) {
    throw new Error('--token must be 16-128 letters, digits, "-" or "_"');
  }
  return {
    dataDir: path.resolve(values['data-dir'] ?? env.MPDESK_DATA_DIR ?? defaultDataDir(env)),
    consolePort: port(
      values['console-port'] ?? env.MPDESK_CONSOLE_PORT,
      DEFAULT_CONSOLE_PORT,
      '--console-port',
    ),
    callbackPort: port(
      values['callback-port'] ?? env.MPDESK_CALLBACK_PORT,
      DEFAULT_CALLBACK_PORT,
      '--callback-port',
    ),
    callbackHost: values['callback-host'] ?? env.MPDESK_CALLBACK_HOST ?? '127.0.0.1',
    token,
  };
}
