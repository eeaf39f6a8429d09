import type { MenuDto, MenuIssueDto } from '../../../../shared/api/areas/menu';
import { useI18n } from '../../i18n/I18nProvider';
import { isContainer, issuesOf, pathOf, type Selection } from './menu-model';

/**
 * The mp backend's phone: a chat with the menu bar at the bottom (up to 3 menus, each opening up to
 * 5 sub-menus above it). A button with a problem is outlined red (warnings amber).
 */
export function PhonePreview({
  menu,
  accountName,
  selected,
  issues,
  onSelect,
  onAddTop,
  onAddSub,
}: {
  menu: MenuDto;
  accountName: string;
  selected: Selection | null;
  issues: MenuIssueDto[];
  onSelect: (s: Selection) => void;
  onAddTop: () => void;
  onAddSub: (top: number) => void;
}) {
  const { t } = useI18n();
  const tone = (path: string) => {
    const own = issuesOf(issues, path);
    if (own.some((i) => i.severity === 'error')) return 'error';
    return own.length ? 'warning' : undefined;
  };
  const openTop = selected?.top;
  return (
    <div className="menu-phone" aria-label={t('menu.preview')}>
      <div className="menu-phone-head">{accountName}</div>
      <div className="menu-phone-chat">
        {menu.button.length === 0 && <p className="menu-phone-empty">{t('menu.empty')}</p>}
      </div>
      <div className="menu-phone-bar" role="toolbar" aria-label={t('menu.preview')}>
        <span className="menu-phone-kbd" aria-hidden>
          ⌨
        </span>
        {menu.button.map((b, i) => {
          const open = openTop === i;
          const subs = b.sub_button ?? [];
          return (
            <div key={i} className="menu-cell-wrap">
              {open && (isContainer(b) || subs.length < 5) && (
                <div className="menu-sub-pop" role="group">
                  {subs.map((s, j) => {
                    const sel = selected?.sub === j;
                    return (
                      <button
                        type="button"
                        key={j}
                        className="menu-sub"
                        data-tone={tone(pathOf({ top: i, sub: j }))}
                        aria-pressed={sel}
                        data-path={pathOf({ top: i, sub: j })}
                        onClick={() => onSelect({ top: i, sub: j })}
                      >
                        <span className="menu-label">{s.name || '\u00a0'}</span>
                      </button>
                    );
                  })}
                  {subs.length < 5 && (
                    <button
                      type="button"
                      className="menu-sub menu-add"
                      title={t('menu.addSub')}
                      aria-label={t('menu.addSub')}
                      onClick={() => onAddSub(i)}
                    >
                      +
                    </button>
                  )}
                </div>
              )}
              <button
                type="button"
                className="menu-cell"
                data-tone={tone(pathOf({ top: i }))}
                data-path={pathOf({ top: i })}
                aria-pressed={open && selected?.sub === undefined}
                onClick={() => onSelect({ top: i })}
              >
                {isContainer(b) && (
                  <span className="menu-cell-lines" aria-hidden>
                    ≡
                  </span>
                )}
                <span className="menu-label">{b.name || '\u00a0'}</span>
              </button>
            </div>
          );
        })}
        {menu.button.length < 3 && (
          <button
            type="button"
            className="menu-cell menu-add"
            aria-label={t('menu.addTop')}
            title={t('menu.addTop')}
            onClick={onAddTop}
          >
            +
          </button>
        )}
      </div>
    </div>
  );
}
