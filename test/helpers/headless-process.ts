import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface HeadlessProcess {
  proc: ChildProcess;
  /** `http://127.0.0.1:PORT/#token=TOKEN`, as printed. */
  consoleUrl: string;
  /** `http://127.0.0.1:PORT` of the console (API base). */
  apiBase: string;
  token: string;
  callbackUrl: string;
  output: () => string;
  /** Sends the signal and resolves with the exit code once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const ROOT = path.resolve(__dirname, '../..');

/**
 * Starts the headless shell as a real process and waits for its two ready lines. `built` runs
 * out/main/headless.js (what users run); `source` runs the TypeScript through tsx (no build needed).
 */
export function startHeadless(opts: {
  dataDir: string;
  mode?: 'built' | 'source';
  token?: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}): Promise<HeadlessProcess> {
  const args = [
    '--data-dir',
    opts.dataDir,
    '--console-port',
    '0',
    '--callback-port',
    '0',
    ...(opts.args ?? []),
  ];
  if (opts.token) args.push('--token', opts.token);
  const entry =
    (opts.mode ?? 'built') === 'built'
      ? [path.join(ROOT, 'out/main/headless.js')]
      : ['--import', 'tsx', path.join(ROOT, 'src/headless/main.ts')];
  const proc = spawn(process.execPath, [...entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`headless did not start within ${opts.timeoutMs ?? 20000} ms:\n${out}`));
    }, opts.timeoutMs ?? 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const [, apiBase, token] = /MPDesk console: (http:\/\/[^\s/]+)\/#token=(\S+)/.exec(out) ?? [];
      const [, callbackUrl] = /MPDesk callback: (http:\/\/\S+)/.exec(out) ?? [];
      if (apiBase && token && callbackUrl) {
        clearTimeout(timer);
        resolve({
          proc,
          consoleUrl: `${apiBase}/#token=${token}`,
          apiBase,
          token,
          callbackUrl,
          output: () => out,
          stop: (signal = 'SIGTERM') => {
            if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
            return exited;
          },
        });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`headless exited (${code}) before it was ready:\n${out}`));
    });
  });
}

/** Calls a contract method over the headless HTTP transport. */
export async function callApi<T = unknown>(
  h: Pick<HeadlessProcess, 'apiBase' | 'token'>,
  method: string,
  input?: unknown,
): Promise<{
  status: number;
  body: { ok: boolean; value?: T; error?: { code: string; message: string; issues?: { path: string }[] } };
}> {
  const res = await fetch(`${h.apiBase}/api/call/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/json' },
    body: input === undefined ? '' : JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as never };
}
