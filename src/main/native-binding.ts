import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 is a native addon and Node and Electron need different builds of it. `npm test`
 * uses the Node build in node_modules; `npm start` builds an Electron copy into
 * `.electron-native/<arch>/` (scripts/lib/electron-native.mjs) and the main process loads that one,
 * so neither clobbers the other. Installers ship it as `resources/native/better_sqlite3.node`
 * (electron-builder.yml; scripts/dist-check.mjs checks the packaged layout has it there).
 */
export function electronNativeBinding(
  appPath: string,
  resourcesPath?: string,
  arch: string = process.arch,
): string | undefined {
  const candidates = [
    resourcesPath && path.join(resourcesPath, 'native', 'better_sqlite3.node'),
    path.join(appPath, '.electron-native', arch, 'better_sqlite3.node'),
  ];
  return candidates.find((f): f is string => !!f && fs.existsSync(f));
}
