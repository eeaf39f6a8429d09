import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Passed when the OS starts MPDesk at login: it opens in the tray, without a window. */
export const HIDDEN_ARG = '--hidden';

export interface LoginItemDeps {
  platform: NodeJS.Platform;
  /** Electron's app.setLoginItemSettings (macOS and Windows). */
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
  /** What the OS should run: the AppImage itself when there is one, else the executable. */
  executable: string;
  /** `$XDG_CONFIG_HOME/autostart` (Linux). */
  autostartDir?: string;
}

/** Desktop Entry spec: Exec arguments are quoted, with ", `, $ and \ escaped inside. */
function execQuote(arg: string): string {
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=MPDesk',
    'Comment=WeChat Official Account console',
    `Exec=${execQuote(executable)} ${HIDDEN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function defaultAutostartDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'autostart');
}

/**
 * Start at login, as the setting says. macOS and Windows keep login items themselves; Linux
 * desktops start what `~/.config/autostart` holds (XDG Autostart), which Electron does not write.
 */
export function applyStartAtLogin(enabled: boolean, deps: LoginItemDeps): void {
  if (deps.platform !== 'linux') {
    deps.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG] });
    return;
  }
  const file = path.join(deps.autostartDir ?? defaultAutostartDir(), 'mpdesk.desktop');
  try {
    if (enabled) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, autostartEntry(deps.executable), { mode: 0o644 });
    } else {
      fs.rmSync(file, { force: true });
    }
  } catch (e) {
    console.warn(`[login] could not ${enabled ? 'add' : 'remove'} ${file}: ${(e as Error).message}`);
  }
}

/** Was this launch the OS starting MPDesk at login? */
export function launchedHidden(argv: readonly string[], openedAtLogin: boolean): boolean {
  return openedAtLogin || argv.includes(HIDDEN_ARG);
}
