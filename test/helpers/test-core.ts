import type { Core, CoreConfig, CoreInternals, CoreOverrides } from '../../src/core/create-core';
import { composeHeadlessCore } from './headless-core';
import { tempDir } from './temp-dir';

/** A core with what sits behind its handlers (the shells see only `Core`). */
export type TestCore = Core & CoreInternals;

/** A real core on a real SQLite file in a temp dir, listeners on port 0, with its services and db. */
export function createTestCore(
  opts: { dataDir?: string; config?: Partial<CoreConfig>; overrides?: CoreOverrides } = {},
): TestCore {
  const dataDir = opts.dataDir ?? tempDir();
  const { core, internals } = composeHeadlessCore(dataDir, {
    config: opts.config,
    overrides: opts.overrides,
  });
  return { ...core, ...internals };
}

/** A valid account input; override what the test is about. */
export function accountInput(over: Record<string, unknown> = {}) {
  return {
    name: '测试号',
    appId: 'wx1234567890abcdef',
    appSecret: 'S'.repeat(16) + 's'.repeat(16),
    token: 'tokenABC123',
    encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    mode: 'safe' as const,
    ...over,
  };
}
