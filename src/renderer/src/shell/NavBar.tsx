import type { FeatureModule } from '../features/feature-module';
import { features } from '../features/registry';
import { useI18n } from '../i18n/I18nProvider';
import { Icon } from './icons';
import { routeHref } from './router';

export function NavBar({ current }: { current: string }) {
  const { t } = useI18n();
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
          {f.useBadge && <NavBadge use={f.useBadge} />}
        </a>
      ))}
    </nav>
  );
}

/** The feature's count beside its title (its own hook, so only features with one subscribe). */
function NavBadge({ use }: { use: NonNullable<FeatureModule['useBadge']> }) {
  const { fmt } = useI18n();
  const n = use();
  return n > 0 ? <span className="nav-badge">{n > 99 ? '99+' : fmt.number(n)}</span> : null;
}
