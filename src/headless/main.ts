/**
 * Headless shell: the same core and the same React UI, served to a browser on 127.0.0.1
 * (docs/architecture.md §1). Used where Electron cannot run, and by the end-to-end tests.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createCore, KeyFileCipher, type Core } from '../core';
import { ConsoleServer } from './console-server';
import { parseHeadlessOptions } from './options';

declare const __MPDESK_VERSION__: string;

function rendererDir(): string {
  if (process.env.MPDESK_RENDERER_DIR) return path.resolve(process.env.MPDESK_RENDERER_DIR);
  // Built layout: out/main/headless.js beside out/renderer/.
  return path.resolve(__dirname, '../renderer');
}

export async function runHeadless(argv: string[]): Promise<void> {
  const opts = parseHeadlessOptions(argv);
  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const cipher = KeyFileCipher.openOrCreate(path.join(opts.dataDir, 'secret.key'));
  const core: Core = createCore({
    dataDir: opts.dataDir,
    shell: 'headless',
    version: typeof __MPDESK_VERSION__ === 'string' ? __MPDESK_VERSION__ : '0.0.0-dev',
    cipher,
    callbackHost: opts.callbackHost,
    callbackPort: opts.callbackPort,
  });
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const consoleServer = new ConsoleServer({
    core,
    token,
    rendererDir: rendererDir(),
    port: opts.consolePort,
  });

  let stopping: Promise<void> | undefined;
  const stop = (why: string) => {
    stopping ??= (async () => {
      console.log(`MPDesk stopping (${why})...`);
      await consoleServer.stop();
      await core.stop();
      console.log('MPDesk stopped.');
    })();
    return stopping;
  };
  process.once('SIGINT', () => void stop('SIGINT').then(() => process.exit(0)));
  process.once('SIGTERM', () => void stop('SIGTERM').then(() => process.exit(0)));

  try {
    await core.start();
    const info = await consoleServer.start();
    const cb = core.status().callbackListener!;
    console.log(`MPDesk data: ${opts.dataDir}`);
    console.log(`MPDesk console: ${info.url}/#token=${token}`);
    console.log(`MPDesk callback: ${cb.url}`);
  } catch (e) {
    await stop('start-up failed');
    throw e;
  }
}

if (require.main === module) {
  runHeadless(process.argv.slice(2)).catch((e: Error) => {
    console.error(`MPDesk could not start: ${e.message}`);
    process.exit(1);
  });
}
