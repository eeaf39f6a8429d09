import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, test, expect } from '@playwright/test';

const root = path.resolve(__dirname, '../..');

/**
 * The desktop app, driven for real where Electron's binary can be had (a user's machine, CI with
 * the internet; on Linux under `xvfb-run -a`). On our machines it cannot be downloaded
 * (docs/architecture.md §9), so the spec reports itself skipped with the reason.
 */
function electronBinary(): { path?: string; reason?: string } {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return { reason: 'no display: run the electron project under xvfb-run -a' };
  // Resolving the package downloads the binary on first use (electron >= 42); a child keeps a
  // failed download an answer, not a crash.
  const r = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
  });
  // A first run prints "Downloading Electron binary..." before the path.
  const bin = r.stdout?.trim().split('\n').pop();
  if (r.status === 0 && bin && fs.existsSync(bin)) return { path: bin };
  const why = (r.stderr || r.error?.message || '')
    .split('\n')
    .find((l) => /error/i.test(l))
    ?.trim();
  return { reason: `Electron's binary could not be had here (${why?.slice(0, 160) ?? 'download failed'})` };
}

const found = electronBinary();

test.describe('desktop window', () => {
  test.skip(!found.path, found.reason);

  test('opens the Dashboard with a sandboxed renderer, only the bridge exposed, and closes to the tray', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpdesk-electron-'));
    const app = await electron.launch({
      executablePath: found.path,
      // Chromium refuses to run as root with its sandbox (CI containers).
      args: [root, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: {
        ...process.env,
        MPDESK_DATA_DIR: dataDir,
        // CI's Linux has no keychain: answer the key-file question up front (secret-storage.ts).
        MPDESK_SECRET_STORE: 'key-file',
      },
    });
    try {
      const win = await app.firstWindow();
      await expect(win).toHaveURL(/#\/dashboard/);
      await expect(win.getByRole('heading', { level: 1 })).toHaveText(/Dashboard|概览/);
      const exposed = await win.evaluate(() => {
        const g = globalThis as unknown as Record<string, unknown>;
        return { bridge: typeof g.bridge, require: typeof g.require, process: typeof g.process };
      });
      expect(exposed).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined' });
      const csp = await win.evaluate(
        () =>
          document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
      );
      expect(csp).toContain("script-src 'self'");

      const afterClose = await app.evaluate(({ BrowserWindow }) => {
        // Runs in Electron's main process: the test's helpers are not there.
        const [w] = BrowserWindow.getAllWindows();
        if (!w) throw new Error('the app has no window to close');
        w.close();
        return { windows: BrowserWindow.getAllWindows().length, visible: w.isVisible() };
      });
      expect(afterClose).toEqual({ windows: 1, visible: false });
    } finally {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
