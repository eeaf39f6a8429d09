import fs from 'node:fs';

/**
 * Finds a Chromium for Playwright: CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's own
 * download. Browsers cannot be downloaded on our machines (docs/architecture.md §9), so we prefer the system one.
 */
export function findChromium(): string | undefined {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  return candidates.find((p): p is string => !!p && fs.existsSync(p));
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const NO_CHROMIUM_HINT =
  'No Chromium found. Install one: `sudo apt-get install -y --no-install-recommends chromium` (Debian/Ubuntu), or `npx playwright install chromium` where downloads work, or set CHROMIUM_PATH.';
