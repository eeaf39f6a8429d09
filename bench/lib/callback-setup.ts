/**
 * What the callback benchmarks share: the bench account (a keyword rule on `hi`, the message the
 * load generator sends), the built core on a temp data dir, and the generator run in its own
 * process (bench/lib/callback-load.ts).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KeyFileCipher } from '../../src/core/secrets/key-file-cipher';
import { shippedCreateCore } from './shipped-core';

export const TOKEN = 'benchToken123';
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const APP_ID = 'wx1234567890abcdef';
export const CONNECTIONS = 50;
/** Built before the clock starts; the generator builds more between requests if a fast run needs them. */
const MESSAGES = 60_000;

export type BenchCore = ReturnType<ReturnType<typeof shippedCreateCore>>;
export type Mode = 'plain' | 'safe';

export interface Load {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** The load generator's own CPU per request: on a 2-core machine it shares the cores. */
  generatorCpuUsPerReq: number;
}

/** A built core on a fresh data dir (`outDir`: another build's out/, for A/B runs). */
export function benchCore(outDir?: string): { core: BenchCore; dataDir: string } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpdesk-bench-cb-'));
  const core = shippedCreateCore(outDir)({
    dataDir,
    shell: 'headless',
    version: '0.0.0-bench',
    cipher: KeyFileCipher.openOrCreate(path.join(dataDir, 'secret.key')),
    callbackPort: 0,
  });
  return { core, dataDir };
}

/** An account at /wx/<mode> whose keyword rule answers the generator's `hi`. */
export async function addBenchAccount(core: BenchCore, mode: Mode): Promise<void> {
  const a = await core.handlers['accounts.create'](
    {
      name: mode,
      appId: APP_ID,
      appSecret: 'S'.repeat(32),
      token: TOKEN,
      encodingAESKey: AES_KEY,
      mode,
      callbackSlug: mode,
    },
    { transport: 'internal' },
  );
  await core.handlers['rules.save'](
    {
      accountId: a.id,
      name: 'hi',
      enabled: true,
      priority: 1,
      // Both shapes: builds from before several keywords per rule (migration 30) read match/pattern,
      // and an A/B run (bench/ab-cores.ts) may load one. Handlers skip the schema, so both arrive.
      trigger: {
        kind: 'keyword',
        keywords: [{ text: 'hi', match: 'exact' }],
        ...({ match: 'exact', pattern: 'hi' } as object),
      },
      replies: [{ type: 'text', content: 'hello there' }],
      replyMode: 'all',
    },
    { transport: 'internal' },
  );
}

/** Runs the load generator against `targets`, alternating slices; one Load per target, in order. */
export function runLoad(
  targets: { name: string; url: string }[],
  mode: Mode,
  timing: { warmupMs: number; sliceMs: number; rounds: number },
): Promise<Load[]> {
  const cfg = {
    targets,
    path: `/wx/${mode}`,
    mode,
    token: TOKEN,
    appId: APP_ID,
    aesKey: AES_KEY,
    connections: CONNECTIONS,
    messages: MESSAGES,
    ...timing,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'callback-load.ts'), JSON.stringify(cfg)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as Load[]) : reject(new Error(`load generator exited ${code}`)),
    );
  });
}
