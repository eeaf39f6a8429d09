import type { MenuIssueDto } from '../../../../shared/api/areas/menu';
import { useI18n } from '../../i18n/I18nProvider';
import type { Selection } from './menu-model';

/** Core's findings on the menu, each a link to the button it is about. */
export function MenuIssues({
  issues,
  onSelect,
}: {
  issues: MenuIssueDto[];
  onSelect: (s: Selection | null) => void;
}) {
  const { t, issueText } = useI18n();
  const errors = issues.filter((i) => i.severity === 'error');
  return (
    <section className="menu-issues" aria-label={t('menu.issues')}>
      <h2>{t('menu.issues')}</h2>
      {issues.length === 0 ? (
        <p className="menu-ok">{t('menu.issues.none')}</p>
      ) : (
        <>
          {errors.length > 0 && <p className="menu-bad">{t('menu.issues.errors', { n: errors.length })}</p>}
          <ul>
            {issues.map((i) => (
              <li key={`${i.path}-${i.key}`} data-tone={i.severity}>
                <button type="button" className="linklike" onClick={() => onSelect(selectionOf(i.path))}>
                  <code>{i.path}</code>
                </button>{' '}
                {issueText(i)}
                {i.errcode > 0 && (
                  <span className="menu-code">{t('menu.issue.code', { code: i.errcode })}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function selectionOf(path: string): Selection | null {
  const m = /^button\.(\d+)(?:\.sub_button\.(\d+))?/.exec(path);
  if (!m) return null;
  return m[2] === undefined ? { top: Number(m[1]) } : { top: Number(m[1]), sub: Number(m[2]) };
}
