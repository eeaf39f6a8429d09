import { useState, type ReactNode } from 'react';
import type { MenuButtonDto } from '../../../../shared/api/areas/menu';
import { useI18n } from '../../i18n/I18nProvider';
import type { ComposeKind } from './compose';

/** What tapping a menu button sends, as WeChat does (§7.2): a click's key, a view's URL. */
export function menuTap(b: MenuButtonDto): { kind: ComposeKind; values: Record<string, string> } | null {
  if (b.type === 'click' && b.key) return { kind: 'CLICK', values: { EventKey: b.key } };
  if (b.type === 'view' && b.url) return { kind: 'VIEW', values: { EventKey: b.url } };
  return null;
}

/**
 * The phone's bottom bar as WeChat draws it for an account with a menu: a keyboard switch on the
 * left, the published top-level buttons beside it, each container opening its sub-buttons above.
 * Types the simulator cannot act out from the bar (scan, photo, location pickers, mini programs)
 * say so; the Compose panel sends their events.
 */
export function PhoneMenu({
  buttons,
  busy,
  keyboard,
  onTap,
}: {
  buttons: MenuButtonDto[];
  busy: boolean;
  /** The text input bar, shown instead of the menu after the keyboard switch. */
  keyboard: ReactNode;
  onTap: (kind: ComposeKind, values: Record<string, string>) => void;
}) {
  const { t } = useI18n();
  const [typing, setTyping] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const tap = (b: MenuButtonDto) => {
    const action = menuTap(b);
    setOpen(null);
    if (action) onTap(action.kind, action.values);
  };
  const item = (b: MenuButtonDto, key: string, top: number | null) => {
    const hasSubs = !!b.sub_button?.length;
    const unsupported = !hasSubs && !menuTap(b);
    return (
      <button
        key={key}
        type="button"
        className={top === null ? 'sim-menu-sub' : 'sim-menu-top'}
        disabled={busy || unsupported}
        title={unsupported ? t('sim.menu.unsupported', { type: b.type ?? '' }) : undefined}
        aria-expanded={hasSubs ? open === top : undefined}
        onClick={() => (hasSubs ? setOpen(open === top ? null : top) : tap(b))}
      >
        {hasSubs && <span aria-hidden="true">≡ </span>}
        {b.name}
      </button>
    );
  };
  return (
    <div className="sim-menu-wrap" data-testid="phone-menu">
      {open !== null && buttons[open]?.sub_button && (
        <div
          className="sim-menu-popup"
          role="group"
          aria-label={buttons[open].name}
          style={{ left: `${((open + 0.5) / buttons.length) * 100}%` }}
        >
          {buttons[open].sub_button!.map((b, i) => item(b, `${open}-${i}`, null))}
        </div>
      )}
      {typing ? (
        <div className="sim-menu-bar">
          <button
            type="button"
            className="sim-menu-switch"
            aria-label={t('sim.menu.show')}
            title={t('sim.menu.show')}
            onClick={() => setTyping(false)}
          >
            ☰
          </button>
          <div className="sim-menu-keyboard">{keyboard}</div>
        </div>
      ) : (
        <div className="sim-menu-bar" role="group" aria-label={t('sim.menu.label')}>
          <button
            type="button"
            className="sim-menu-switch"
            aria-label={t('sim.menu.keyboard')}
            title={t('sim.menu.keyboard')}
            onClick={() => {
              setOpen(null);
              setTyping(true);
            }}
          >
            ⌨
          </button>
          {buttons.map((b, i) => item(b, String(i), i))}
        </div>
      )}
    </div>
  );
}
