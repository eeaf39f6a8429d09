/**
 * A process that syncs the Sandbox account's fans and prints each progress event as a JSON line, for
 * test/integration/fans-sync-crash.test.ts to kill with SIGKILL in the middle. Usage:
 * `node --import tsx test/helpers/fan-sync-child.ts <dataDir> <fans to generate> <batchget latency ms>`.
 */
import { composeHeadlessCore } from './headless-core';

async function main() {
  const [dataDir, generate, latency] = process.argv.slice(2);
  if (!dataDir)
    throw new Error('usage: fan-sync-child.ts <dataDir> <fans to generate> <batchget latency ms>');
  const { core, internals } = composeHeadlessCore(dataDir, {
    overrides: { wechat: { busyDelaysMs: [0, 0] } },
  });
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
