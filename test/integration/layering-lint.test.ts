import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { only } from '../helpers/indexed';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The import rules of eslint.config.mjs (docs/architecture.md §1) catch what they are for: each case
 * plants one import in a file of the given folder and lints it with the project's own config.
 */
describe('layering rules in eslint.config.mjs', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: ROOT });
  });

  /** The no-restricted-imports messages for `code` linted as if it were `file`. */
  async function restricted(file: string, code: string): Promise<string[]> {
    const result = only(
      await eslint.lintText(`${code}\nexport const planted = 1;\n`, { filePath: path.join(ROOT, file) }),
    );
    expect(result.messages.filter((m) => m.fatal)).toEqual([]);
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  }

  it.each([
    // A lower layer reaching up.
    ['src/core/server/planted.ts', "import type { AccountsService } from '../services/accounts-service';"],
    ['src/core/store/repos/planted.ts', "import { WxRoute } from '../../server/wx-route';"],
    ['src/core/wechat/planted.ts', "import type { SecretStore } from '../secrets/secret-store';"],
    ['src/core/runtime.ts', "import { textOf } from './wechat';"],
    ['src/core/services/oauth/planted.ts', "import { createCore } from '../../create-core';"],
    // Siblings of one tier never import each other.
    ['src/core/api/planted.ts', "import { SandboxPlatform } from '../sandbox/sandbox-platform';"],
    ['src/core/sandbox/planted.ts', "import type { WxRoute } from '../server/wx-route';"],
  ])('%s: a layer may not import a layer above or beside it', async (file, code) => {
    expect(await restricted(file, code)).toEqual([expect.stringContaining('CORE_LAYERS')]);
  });

  it.each([
    ['src/core/services/planted.ts', "import { WxRoute } from '../server/wx-route';"],
    ['src/core/server/planted.ts', "import { textOf } from '../wechat';"],
    ['src/core/secrets/planted.ts', "import { storageError } from '../store/open-database';"],
    ['src/core/create-core.ts', "import { createCallbackModule } from './services/callback-module';"],
    ['src/core/wechat/planted.ts', "import { createHash } from 'node:crypto';"],
    ['src/core/wechat/planted.ts', "import { computeSignature } from './signature';"],
    ['src/main/planted.ts', "import { createCore } from '../core';"],
    ['src/headless/planted.ts', "import { createCore } from '../core';"],
  ])('%s: a legal import is not reported (%s)', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });

  it.each([
    "import fs from 'node:fs';",
    "import net from 'net';",
    "import { spawn } from 'node:child_process';",
  ])('core/wechat does no I/O: %s', async (code) => {
    expect(await restricted('src/core/wechat/planted.ts', code)).toEqual([expect.stringContaining('no I/O')]);
  });

  it.each(['src/core/tunnel/planted.ts', 'src/headless/planted.ts'])(
    '%s: no electron subpath',
    async (file) => {
      expect(await restricted(file, "import { app } from 'electron/main';")).toEqual([
        expect.stringContaining('electron'),
      ]);
    },
  );

  it('the Electron shell does not import the headless shell', async () => {
    expect(
      await restricted('src/main/planted.ts', "import { parseHeadlessOptions } from '../headless/options';"),
    ).toEqual([expect.stringContaining('headless shell')]);
  });

  it.each([
    [
      'src/core/server/planted.ts',
      "import { computeSignature } from '../wechat/signature';",
      'src/core/wechat',
    ],
    [
      'src/core/create-core.ts',
      "import { OauthLinks } from './services/oauth/oauth-links';",
      'src/core/services/oauth',
    ],
    ['src/main/planted.ts', "import { createCore } from '../core/create-core';", 'src/core'],
    ['src/headless/planted.ts', "import { HttpListener } from '../core/http/http-listener';", 'src/core'],
  ])('%s: no import past a folder index', async (file, code, folder) => {
    expect(await restricted(file, code)).toEqual([expect.stringContaining(`${folder} has an index.ts`)]);
  });
});
