/**
 * The UI's Content-Security-Policy, one for both shells: the Electron window (src/main/security.ts)
 * and the headless console (src/headless/static-files.ts). Nothing loads from outside the app.
 */
export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
