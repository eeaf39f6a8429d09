import type { UpdateStatus } from '../../shared/api/areas/app';
import type { Handlers } from '../../shared/api/contract';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../event-bus';

/**
 * The desktop shell's self-updater as core sees it: core never imports electron (docs/architecture.md
 * §1), so the Electron main process passes one in and headless mode runs without.
 */
export interface UpdatesPort {
  status(): UpdateStatus;
  check(): Promise<UpdateStatus>;
  install(): UpdateStatus;
  onChange(listener: (s: UpdateStatus) => void): void;
}

const HEADLESS_MESSAGE =
  'Updates are for the desktop app: headless mode is updated with its package (npm ci) or its git checkout.';

/** Headless mode: it says what it is, and installs nothing. */
export function headlessUpdates(currentVersion: string): UpdatesPort {
  const status: UpdateStatus = {
    state: 'unsupported',
    currentVersion,
    feedUrl: null,
    availableVersion: null,
    percent: null,
    checkedAt: null,
    error: null,
  };
  return {
    status: () => status,
    check: () => Promise.resolve(status),
    install: () => {
      throw new AppError('unavailable', HEADLESS_MESSAGE);
    },
    onChange: () => {},
  };
}

export function updatesHandlers(
  port: UpdatesPort,
  events: EventBus,
): Pick<Handlers, 'app.updates' | 'app.checkForUpdates' | 'app.installUpdate'> {
  port.onChange((s) => events.emit('app.updateChanged', s));
  return {
    'app.updates': () => port.status(),
    'app.checkForUpdates': () => port.check(),
    'app.installUpdate': () => port.install(),
  };
}
