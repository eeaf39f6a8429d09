/**
 * A process that syncs the Sandbox account's fans and prints each progress event as a JSON line, for
 * test/integration/fans-sync-crash.test.ts to kill with SIGKILL in the middle. Usage:
 * `node --import tsx test/helpers/fan-sync-child.ts <dataDir> <fans to generate> <batchget latency ms>`.
 */
import path from 'node:path';
import { composeCore } from '../../src/core/create-core';
import { KeyFileCipher } from '../../src/core/secrets/key-file-cipher';

async function main() {
  const [dataDir, generate, latency] = process.argv.slice(2);
  if (!dataDir)
    throw new Error('usage: fan-sync-child.ts <dataDir> <fans to generate> <batchget latency ms>');
  // As test-core.ts builds it (that file needs vitest, which a plain process cannot load).
  const { core, internals } = composeCore(
    {
      dataDir,
      shell: 'headless',
      version: '0.0.0-test',
      cipher: KeyFileCipher.openOrCreate(path.join(dataDir, 'secret.key')),
      callbackPort: 0,
    },
    { wechat: { busyDelaysMs: [0, 0] } },
  );
  core.events.subscribe((e) => {
    if (e.name === 'fans.syncChanged') process.stdout.write(`SYNC ${JSON.stringify(e.payload)}\n`);
  });
  await core.start();
  const account = internals.services.accounts.list().find((a) => a.isSandbox)!;
  const platform = internals.services.wechat.platform!;
  platform.generateFans(account.appId, Number(generate));
  platform.setFaults([
    { kind: 'latency', pathPrefix: '/cgi-bin/user/info/batchget', latencyMs: Number(latency) },
  ]);
  await core.handlers['fans.sync']({ accountId: account.id }, { transport: 'internal' });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
