import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startHeadless, type HeadlessProcess } from '../helpers/headless-process';
import { findChromium, NO_CHROMIUM_HINT } from '../helpers/chromium';

export interface MpdeskFixture {
  /** Console URL with its token, ready for page.goto. */
  consoleUrl: string;
  apiBase: string;
  token: string;
  callbackUrl: string;
  dataDir: string;
  /** Stops the server (SIGTERM) and starts it again on the same data dir. */
  restart(): Promise<void>;
  current(): HeadlessProcess;
}

/**
 * Each test gets its own headless MPDesk (built output, temp data dir, ports 0). Run
 * `npx electron-vite build` first; `npm test` does.
 */
export const test = base.extend<{ mpdesk: MpdeskFixture }>({
  // Playwright requires the object pattern for a fixture's dependencies, even when there are none.
  // eslint-disable-next-line no-empty-pattern
  mpdesk: async ({}, use, testInfo) => {
    if (testInfo.project.name === 'browser' && !findChromium()) throw new Error(NO_CHROMIUM_HINT);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpdesk-e2e-'));
    let h = await startHeadless({ dataDir });
    const fixture: MpdeskFixture = {
      get consoleUrl() {
        return h.consoleUrl;
      },
      get apiBase() {
        return h.apiBase;
      },
      get token() {
        return h.token;
      },
      get callbackUrl() {
        return h.callbackUrl;
      },
      dataDir,
      async restart() {
        await h.stop('SIGTERM');
        h = await startHeadless({ dataDir });
      },
      current: () => h,
    };
    await use(fixture);
    await h.stop('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };
