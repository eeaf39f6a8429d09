import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALLBACK_PORT, DEFAULT_CONSOLE_PORT, defaultDataDir, parseHeadlessOptions } from './options';

describe('headless options', () => {
  it('flags win over environment variables, which win over defaults', () => {
    const env = { MPDESK_DATA_DIR: '/env/data', MPDESK_CONSOLE_PORT: '5000', MPDESK_CALLBACK_PORT: '5001' };
    expect(parseHeadlessOptions([], env)).toMatchObject({
      dataDir: '/env/data',
      consolePort: 5000,
      callbackPort: 5001,
    });
    expect(
      parseHeadlessOptions(['--data-dir', '/flag', '--console-port', '0', '--callback-port', '0'], env),
    ).toMatchObject({
      dataDir: '/flag',
      consolePort: 0,
      callbackPort: 0,
      callbackHost: '127.0.0.1',
    });
    expect(parseHeadlessOptions([], {})).toMatchObject({
      consolePort: DEFAULT_CONSOLE_PORT,
      callbackPort: DEFAULT_CALLBACK_PORT,
    });
  });

  it('refuses bad ports, short tokens and unknown flags with a clear message', () => {
    expect(() => parseHeadlessOptions(['--console-port', '70000'], {})).toThrow(
      /--console-port must be a port number/,
    );
    expect(() => parseHeadlessOptions(['--callback-port', 'abc'], {})).toThrow(/--callback-port/);
    expect(() => parseHeadlessOptions(['--token', 'short'], {})).toThrow(/--token must be 16-128/);
    expect(() => parseHeadlessOptions(['--bogus'], {})).toThrow(/bogus/);
  });

  it('puts data where each platform expects it', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/xdg' }, 'linux')).toBe(path.join('/xdg', 'mpdesk'));
    expect(defaultDataDir({}, 'linux')).toBe(path.join(os.homedir(), '.local', 'share', 'mpdesk'));
    expect(defaultDataDir({}, 'darwin')).toBe(
      path.join(os.homedir(), 'Library', 'Application Support', 'MPDesk'),
    );
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toContain('MPDesk');
  });
});
