// Runs electron-builder itself (`--dir`, Linux layout) for scripts/dist-check.mjs, with electronDist
// pointed at a stand-in so nothing is downloaded. Its config is electron-builder.yml's; the
// options passed here are merged over it (electron-builder concatenates arrays). A child process,
// so its log can be kept for a failure and otherwise left out.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const builder = require('electron-builder');
const o = JSON.parse(process.argv[2]);

await builder.build({
  projectDir: o.projectDir,
  targets: builder.Platform.LINUX.createTarget('dir', builder.Arch[o.arch]),
  publish: 'never',
  config: {
    electronDist: o.electronDist,
    directories: { output: o.output },
    extraResources: o.extraResources,
  },
});
