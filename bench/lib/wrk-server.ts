/**
 * One server of bench/callback-wrk.bench.ts in its own process, so the bench can pin it to its own
 * core: `bare` (node:http answering `success`), `floor` (bench/lib/floor-server.ts) or
 * `mpdesk [outDir]` (the built core, from another build's out/ when given, with a plain and a safe
 * bench account). Prints `{"url": …}` once listening; then answers each `cpu` line on stdin with
 * its CPU time so far (µs), and exits when stdin closes.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { bareServer } from './bare-server';
import { floorServer } from './floor-server';
import { addBenchAccount, benchCore } from './callback-setup';

async function main(kind: string): Promise<void> {
  let url: string;
  let close: () => Promise<void>;
  if (kind === 'bare') {
    const bare = await bareServer();
    url = bare.url;
    close = bare.close;
  } else if (kind === 'floor') {
    const floor = await floorServer();
    url = floor.url;
    close = floor.close;
  } else if (kind === 'mpdesk') {
    // An out/ directory of another build (bench/ab-wrk.ts), or this one's.
    const { core, dataDir } = benchCore(process.argv[3]);
    await core.start();
    await addBenchAccount(core, 'plain');
    await addBenchAccount(core, 'safe');
    const address = core.status().callbackListener;
    if (!address) throw new Error('the callback listener did not start');
    url = address.url;
    // A run writes hundreds of MB of log: the data folder goes with the server.
    close = () => core.stop().then(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  } else {
    throw new Error(`unknown server kind ${kind}: bare, floor or mpdesk`);
  }
  // The bench may go before its last answer is read: a closed pipe is not this server's failure.
  process.stdout.on('error', () => undefined);
  process.stdout.write(JSON.stringify({ url }) + '\n');
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() !== 'cpu') return;
    const u = process.cpuUsage();
    process.stdout.write(JSON.stringify({ cpuUs: u.user + u.system }) + '\n');
  });
  lines.on('close', () => void close().then(() => process.exit(0)));
}

main(process.argv[2] ?? '').catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
