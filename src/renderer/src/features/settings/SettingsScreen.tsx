import { LANGUAGES, THEMES, type Settings } from '../../../../shared/api/areas/settings';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';
import { detectLocale } from '../../i18n/locale';
import { usePreferences } from '../../preferences/PreferencesProvider';
import { useAppStatus } from '../../api/use-app-status';
import { CallbackSettings } from './CallbackSettings';
import { DesktopSettings } from './DesktopSettings';
import { isTunnelField } from './tunnel/tunnel-fields';
import { TunnelSettings } from './tunnel/TunnelSettings';
import { UpdatesCard } from './UpdatesCard';

/**
 * `#/settings/<section>/<field>`: the sections are cards; a link to one (the doctor's advice, a
 * disabled Start button) scrolls to it and focuses the field it names.
 */
export function SettingsScreen({ params = [] }: { params?: string[] }) {
  const { settings } = usePreferences();
  const { data: status } = useAppStatus();
  const [section, field] = params;
  return (
    <div className="settings-grid">
      <TunnelSettings focus={section === 'tunnel' ? (isTunnelField(field) ? field : 'card') : undefined} />
      <AppearanceCard />
      {settings && <CallbackSettings settings={settings} focus={section === 'callbacks'} />}
      {settings && status?.shell === 'electron' && <DesktopSettings settings={settings} />}
      <UpdatesCard />
    </div>
  );
}

/** Language and theme, applied as they are chosen. */
function AppearanceCard() {
  const { t } = useI18n();
  const { language, theme, update } = usePreferences();
  return (
    <section className="card settings-card" aria-labelledby="settings-appearance">
      <h2 id="settings-appearance">{t('settings.appearance')}</h2>
      <Field id="settings-language" label={t('settings.language')}>
        <select
          className="select"
          id="settings-language"
          value={language}
          onChange={(e) => void update({ language: e.target.value as Settings['language'] })}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {l === 'auto'
                ? t('settings.language.auto', { current: t(`settings.language.${detectLocale()}`) })
                : t(`settings.language.${l}`)}
            </option>
          ))}
        </select>
      </Field>
      <div className="field">
        <span className="field-label" id="settings-theme-label">
          {t('settings.theme')}
        </span>
        <div className="segmented" role="group" aria-labelledby="settings-theme-label">
          {THEMES.map((th) => (
            <button
              key={th}
              type="button"
              aria-pressed={theme === th}
              onClick={() => void update({ theme: th })}
            >
              {t(`settings.theme.${th}`)}
            </button>
          ))}
        </div>
      </div>
    </section>
  );
}
