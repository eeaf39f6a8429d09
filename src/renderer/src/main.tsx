import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, MissingToken } from './App';
import { chooseClient } from './api/choose-client';
import { resolveLocale } from './i18n/locale';
import './styles/global.css';
import { readMirror } from './theme/preference-mirror';
import { applyTheme, resolveTheme } from './theme/theme';

// First paint in the remembered language and theme, before settings.get answers.
const mirror = readMirror();
applyTheme(resolveTheme(mirror.theme));
document.documentElement.lang = resolveLocale(mirror.language);

// Reads (and strips) #token=... before the router looks at the hash.
const client = chooseClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {'missingToken' in client ? (
      <MissingToken locale={resolveLocale(mirror.language)} />
    ) : (
      <App client={client} />
    )}
  </StrictMode>,
);
