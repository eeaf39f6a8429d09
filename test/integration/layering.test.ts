import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

/** docs/architecture.md §1: core and the headless shell run without Electron. ESLint checks imports; this checks what loads. */
describe('layering', () => {
  it.each(['src/core/create-core.ts', 'src/headless/main.ts'])('%s loads no electron module', (entry) => {
    const script = `
      require(${JSON.stringify(path.join(ROOT, entry))});
      const loaded = Object.keys(require.cache);
      process.stdout.write(JSON.stringify({ count: loaded.length, electron: loaded.filter((f) => /node_modules[\\\\/]electron[\\\\/]/.test(f) || /[\\\\/]src[\\\\/](main|preload|renderer)[\\\\/]/.test(f)) }));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const { count, electron } = JSON.parse(out) as { count: number; electron: string[] };
    expect(count).toBeGreaterThan(10); // the probe really saw core's module graph
    expect(electron).toEqual([]);
  });
});
