import { useEffect } from 'react';
import { findFeature, homeFeature } from '../features/registry';
import { useI18n } from '../i18n/I18nProvider';
import { LanguageSwitch } from './LanguageSwitch';
import { LogFailureBanner } from './LogFailureBanner';
import { NavBar } from './NavBar';
import { navigate, routeHref, useRoute } from './router';
import { StatusBar } from './StatusBar';
import { UrlChangedStrip } from './UrlChangedStrip';

export function Shell() {
  const { t } = useI18n();
  const route = useRoute();
  const feature = findFeature(route.screen);

  useEffect(() => {
    if (!feature) navigate(routeHref(homeFeature.id), { replace: true });
  }, [feature]);

  const active = feature ?? homeFeature;
  const title = t(active.titleKey);

  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  const Screen = active.Screen;
  return (
    <div className="shell">
      <NavBar current={active.id} />
      <div className="main">
        <header className="topbar">
          <h1>{title}</h1>
          <LanguageSwitch />
        </header>
        <LogFailureBanner />
        <UrlChangedStrip screen={active.id} />
        <main className="content" id="main">
          <Screen key={active.id} params={feature ? route.params : []} />
        </main>
      </div>
      <StatusBar />
    </div>
  );
}
