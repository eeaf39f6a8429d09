import {
  SETTINGS_DEFAULTS,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/api/areas/settings';
import type { EventBus } from '../event-bus';
import type { SettingsRepo } from '../store/repos/settings-repo';
import { storageError } from '../store/open-database';
import type { AreaHandlers } from './handler-types';

/** Settings with defaults; a stored value that no longer validates falls back to its default. */
export class SettingsService {
  private cache: Settings;

  constructor(
    private readonly repo: SettingsRepo,
    private readonly events: EventBus,
  ) {
    this.cache = this.load();
  }

  get(): Settings {
    return this.cache;
  }

  update(patch: SettingsPatch): Settings {
    try {
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) this.repo.put(k, v);
    } catch (e) {
      throw storageError(e, 'save the settings');
    }
    this.cache = this.load();
    this.events.emit('settings.changed', this.cache);
    return this.cache;
  }

  private load(): Settings {
    const stored = this.repo.all();
    const out: Record<string, unknown> = { ...SETTINGS_DEFAULTS };
    for (const key of Object.keys(SETTINGS_DEFAULTS) as (keyof Settings)[]) {
      if (!(key in stored)) continue;
      const ok = settingsSchema.shape[key].safeParse(stored[key]);
      if (ok.success) out[key] = ok.data;
    }
    return out as Settings;
  }
}

export function settingsHandlers(settings: SettingsService): AreaHandlers<'settings.'> {
  return {
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
  };
}
