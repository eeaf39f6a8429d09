import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';
import { applyStartAtLogin, autostartEntry, launchedHidden } from './login-item';

vi.mock('electron', () => ({}));

describe('start at login', () => {
  it('on Linux writes and removes an XDG autostart entry that starts hidden', () => {
    const dir = path.join(tempDir(), 'autostart');
    const deps = {
      platform: 'linux' as const,
      setLoginItemSettings: vi.fn(),
      executable: '/opt/MPDesk/mpdesk',
      autostartDir: dir,
    };
    applyStartAtLogin(true, deps);
    const file = path.join(dir, 'mpdesk.desktop');
    expect(fs.readFileSync(file, 'utf8')).toContain('Exec="/opt/MPDesk/mpdesk" --hidden\n');
    applyStartAtLogin(false, deps);
    expect(fs.existsSync(file)).toBe(false);
    applyStartAtLogin(false, deps);
    expect(deps.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('quotes an executable path with spaces and shell characters as the Desktop Entry spec says', () => {
    expect(autostartEntry('/home/李 四/Apps/MPDesk "x" $1.AppImage')).toContain(
      'Exec="/home/李 四/Apps/MPDesk \\"x\\" \\$1.AppImage" --hidden',
    );
  });

  it('on macOS and Windows uses the OS login items', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const set = vi.fn();
      applyStartAtLogin(true, { platform, setLoginItemSettings: set, executable: 'x' });
      expect(set).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
    }
  });

  it('knows a login launch', () => {
    expect(launchedHidden(['/opt/mpdesk', '--hidden'], false)).toBe(true);
    expect(launchedHidden(['/opt/mpdesk'], true)).toBe(true);
    expect(launchedHidden(['/opt/mpdesk'], false)).toBe(false);
  });
});
