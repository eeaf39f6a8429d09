import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 is a native addon and Node and Electron need different builds of it. `npm test`
 * uses the Node build in node_modules; `npm start` builds an Electron copy into `.electron-native/`
 * (scripts/electron-native.mjs) and the main process loads that one, so neither clobbers the other.
 * Packaged apps are rebuilt for Electron by the packager and use the default.
 */
export function electronNativeBinding(appPath: string): string | undefined {
  const file = path.join(appPath, '.electron-native', 'better_sqlite3.node');
  return fs.existsSync(file) ? file : undefined;
}
