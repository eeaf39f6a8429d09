import { features } from '../features/registry';
import { useT } from '../i18n/i18n';
import { Icon } from './icons';
import { routeHref } from './router';

export function NavBar({ current }: { current: string }) {
  const t = useT();
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <div className="nav-brand">
        <span className="nav-brand-mark" aria-hidden="true">
          MP
        </span>
        <span>{t('app.name')}</span>
      </div>
      {features.map((f) => (
        <a
          key={f.id}
          className="nav-link"
          href={routeHref(f.id)}
          aria-current={f.id === current ? 'page' : undefined}
        >
          <Icon name={f.icon} />
          <span>{t(f.titleKey)}</span>
        </a>
      ))}
    </nav>
  );
}
