import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { Settings, SettingsPatch } from '../../../shared/api/areas/settings';
import type { Result } from '../../../shared/api/result';
import { useApi } from '../api/api-context';
import { useLive } from '../api/use-live';
import { I18nProvider } from '../i18n/I18nProvider';
import { resolveLocale, type LanguagePref, type Locale } from '../i18n/locale';
import { readMirror, writeMirror } from '../theme/preference-mirror';
import { applyTheme, onSystemThemeChange, resolveTheme, type Theme, type ThemePref } from '../theme/theme';

interface PreferencesValue {
  /** Server settings; undefined until settings.get answers. */
  settings: Settings | undefined;
  language: LanguagePref;
  locale: Locale;
  theme: ThemePref;
  resolvedTheme: Theme;
  update(patch: SettingsPatch): Promise<Result<Settings>>;
}

const PreferencesContext = createContext<PreferencesValue | null>(null);

const same = (s: Settings) => s;

/**
 * Language and theme: the server's `settings` are the truth (persisted, shared by every window);
 * a localStorage mirror gives the first paint, and a local choice shows at once while it is saved.
 */
export function PreferencesProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { data: settings, set: setSettings } = useLive('settings.get', 'settings.changed', same);
  const [pending, setPending] = useState<Partial<Pick<Settings, 'language' | 'theme'>>>({});
  const [mirror] = useState(readMirror);
  const [systemTick, setSystemTick] = useState(0);
  const settingsRef = useRef(settings);
  useEffect(() => {
    settingsRef.current = settings;
  }, [settings]);

  const language = pending.language ?? settings?.language ?? mirror.language;
  const theme = pending.theme ?? settings?.theme ?? mirror.theme;
  const locale = resolveLocale(language);
  // systemTick re-evaluates `system` when the OS flips between light and dark.
  const resolvedTheme = useMemo(() => (void systemTick, resolveTheme(theme)), [theme, systemTick]);

  useEffect(() => onSystemThemeChange(() => setSystemTick((n) => n + 1)), []);
  useEffect(() => applyTheme(resolvedTheme), [resolvedTheme]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    if (settings) writeMirror({ language: settings.language, theme: settings.theme });
  }, [settings]);

  const update = useCallback(
    async (patch: SettingsPatch) => {
      const local = { language: patch.language, theme: patch.theme };
      if (local.language || local.theme) {
        setPending((p) => ({ ...p, ...stripUndefined(local) }));
        const m = readMirror();
        writeMirror({ language: local.language ?? m.language, theme: local.theme ?? m.theme });
      }
      const r = await api.call('settings.update', patch);
      if (r.ok) setSettings(r.value);
      // Not saved: the mirror must not remember a choice the server does not have.
      else if (settingsRef.current)
        writeMirror({ language: settingsRef.current.language, theme: settingsRef.current.theme });
      setPending((p) => {
        const next = { ...p };
        if (local.language) delete next.language;
        if (local.theme) delete next.theme;
        return next;
      });
      return r;
    },
    [api, setSettings],
  );

  const value = useMemo(
    () => ({ settings, language, locale, theme, resolvedTheme, update }),
    [settings, language, locale, theme, resolvedTheme, update],
  );

  return (
    <PreferencesContext.Provider value={value}>
      <I18nProvider locale={locale}>{children}</I18nProvider>
    </PreferencesContext.Provider>
  );
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function usePreferences(): PreferencesValue {
  const ctx = useContext(PreferencesContext);
  if (!ctx) throw new Error('usePreferences outside <PreferencesProvider>');
  return ctx;
}
