#!/usr/bin/env node
// `npm run headless -- --data-dir DIR --console-port N --callback-port N [--token T]`:
// the same core and UI as the desktop app, served to a browser on 127.0.0.1.
import { buildIfStale, runHeadless } from './lib/build-if-stale.mjs';

buildIfStale();
runHeadless(process.argv.slice(2));
