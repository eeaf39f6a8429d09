import type { ApiClient } from './api/api-client';
import { ApiProvider } from './api/api-context';
import { I18nProvider, useI18n } from './i18n/I18nProvider';
import type { Locale } from './i18n/locale';
import { PreferencesProvider } from './preferences/PreferencesProvider';
import { Shell } from './shell/Shell';

export function App({ client }: { client: ApiClient }) {
  return (
    <ApiProvider client={client}>
      <PreferencesProvider>
        <Shell />
      </PreferencesProvider>
    </ApiProvider>
  );
}

/** Shown when a browser opens the console without the token (e.g. a bookmark without #token=). */
export function MissingToken({ locale }: { locale: Locale }) {
  return (
    <I18nProvider locale={locale}>
      <MissingTokenBody />
    </I18nProvider>
  );
}

function MissingTokenBody() {
  const { t } = useI18n();
  return (
    <main className="empty" style={{ maxWidth: 560, margin: '12vh auto' }}>
      <h2>{t('missingToken.title')}</h2>
      <p>{t('missingToken.body')}</p>
    </main>
  );
}
