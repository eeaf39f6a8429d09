import { useI18n } from '../i18n/I18nProvider';
import type { Locale } from '../i18n/locale';
import { usePreferences } from '../preferences/PreferencesProvider';

const OPTIONS: { locale: Locale; label: string; lang: string }[] = [
  { locale: 'zh-CN', label: '中文', lang: 'zh-CN' },
  { locale: 'en', label: 'English', lang: 'en' },
];

/** Two buttons, each labelled in its own language so a user who cannot read the other finds theirs. */
export function LanguageSwitch() {
  const { t } = useI18n();
  const { locale, update } = usePreferences();
  return (
    <div className="segmented" role="group" aria-label={t('shell.language')}>
      {OPTIONS.map((o) => (
        <button
          key={o.locale}
          type="button"
          lang={o.lang}
          aria-pressed={locale === o.locale}
          onClick={() => void update({ language: o.locale })}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
