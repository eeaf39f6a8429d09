import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './test/helpers/chromium';

const chromium = findChromium();

/**
 * Two projects: `browser` drives the headless shell in Chromium (runs everywhere we have Chromium);
 * `electron` drives the desktop window and skips itself, with the reason, where Electron's binary
 * cannot be had (our machines: docs/architecture.md §9).
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'browser',
      testIgnore: /electron\.spec\.ts/,
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: chromium, args: CHROMIUM_ARGS },
      },
    },
    {
      name: 'electron',
      testMatch: /electron\.spec\.ts/,
    },
  ],
});
