import { useEffect, type ComponentType } from 'react';
import type { AccountDto } from '../../../../../shared/api/areas/accounts';
import { useI18n } from '../../../i18n/I18nProvider';
import { routeHref } from '../../../shell/router';
import { ForwardingCard } from './ForwardingCard';
import { VerifyFilesCard } from './VerifyFilesCard';
import './developer.css';

/**
 * The sections of an account's developer settings, in order. A new per-account developer setting
 * (e.g. where the developer's own web app listens) is one more card here.
 */
const SECTIONS: { id: string; Card: ComponentType<{ accountId: string }> }[] = [
  // id: the card's element id is `dev-<id>`, so `#/accounts/<account>/developer/<id>` scrolls to it.
  { id: 'forwarding', Card: ForwardingCard },
  { id: 'verify', Card: VerifyFilesCard },
];

/** `#/accounts/<id>/developer[/<section>]`: what a developer sets per account, as the doctor names it. */
export function DeveloperSettings({ account, section }: { account: AccountDto; section?: string }) {
  const { t } = useI18n();
  // Each card's element id is `dev-<section>`.
  useEffect(() => {
    if (section) document.getElementById(`dev-${section}`)?.scrollIntoView({ block: 'start' });
  }, [section]);
  return (
    <div className="dev-screen" data-testid="developer-settings">
      <header className="dev-head">
        <a href={routeHref('accounts', account.id)}>{t('dev.back', { name: account.name })}</a>
        <h2>{t('dev.title', { name: account.name })}</h2>
        <p className="field-hint">{t('dev.intro')}</p>
      </header>
      {SECTIONS.map(({ id, Card }) => (
        <Card key={id} accountId={account.id} />
      ))}
    </div>
  );
}
