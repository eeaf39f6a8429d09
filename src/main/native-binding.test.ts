import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';
import { electronNativeBinding } from './native-binding';

vi.mock('electron', () => ({}));

const touch = (f: string) => {
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, '');
  return f;
};

describe('better-sqlite3 for Electron', () => {
  it('an installed app loads resources/native, a checkout its own arch in .electron-native', () => {
    const app = tempDir();
    const resources = tempDir();
    expect(electronNativeBinding(app, resources, 'arm64')).toBeUndefined();
    const dev = touch(path.join(app, '.electron-native', 'arm64', 'better_sqlite3.node'));
    expect(electronNativeBinding(app, undefined, 'arm64')).toBe(dev);
    expect(electronNativeBinding(app, undefined, 'x64')).toBeUndefined();
    const shipped = touch(path.join(resources, 'native', 'better_sqlite3.node'));
    expect(electronNativeBinding(app, resources, 'arm64')).toBe(shipped);
  });
});
