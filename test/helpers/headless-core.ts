import path from 'node:path';
import { composeCore, type CoreConfig, type CoreOverrides } from '../../src/core/create-core';
import { KeyFileCipher } from '../../src/core/secrets/key-file-cipher';

/**
 * A headless core composed from source on `dataDir`: listeners on port 0, the key file beside the
 * database. Needs no vitest, so plain processes (the benches, fan-sync-child.ts) build it the same
 * way test-core.ts does.
 */
export function composeHeadlessCore(
  dataDir: string,
  opts: { version?: string; config?: Partial<CoreConfig>; overrides?: CoreOverrides } = {},
) {
  return composeCore(
    {
      dataDir,
      shell: 'headless',
      version: opts.version ?? '0.0.0-test',
      cipher: KeyFileCipher.openOrCreate(path.join(dataDir, 'secret.key')),
      callbackPort: 0,
      ...opts.config,
    },
    opts.overrides,
  );
}
