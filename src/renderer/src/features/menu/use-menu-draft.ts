import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import type { MenuDraftDto, MenuDto, MenuIssueDto } from '../../../../shared/api/areas/menu';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/I18nProvider';
import type { Selection } from './menu-model';

export type MenuStatus = { text: string; tone?: 'error' | 'ok' } | null;

/**
 * The menu being edited: the saved draft if there is one, else what the platform has now. Core
 * checks every change (its own §7.2 rules) and the draft is saved shortly after each edit.
 */
export function useMenuDraft(accountId: string) {
  const { t, fmt, errorText } = useI18n();
  const api = useApi();
  const [menu, setMenu] = useState<MenuDto | null>(null);
  const [selected, setSelected] = useState<Selection | null>(null);
  const [issues, setIssues] = useState<MenuIssueDto[]>([]);
  const [status, setStatus] = useState<MenuStatus>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  /** Why there is no menu to edit yet (menu.get failed, e.g. WeChat's API unreachable). */
  const [loadError, setLoadError] = useState<string | null>(null);
  const dirty = useRef(false);

  const fail = useCallback(
    (e: ErrorBody) => setStatus({ text: t('menu.failed', { reason: errorText(e) }), tone: 'error' }),
    [t, errorText],
  );

  const loadCurrent = useCallback(async () => {
    setLoadError(null);
    const r = await api.call('menu.get', { accountId });
    if (!r.ok) {
      // With a menu on screen the toolbar says so; without one the screen says it instead of loading forever.
      setLoadError(t('menu.loadFailed', { reason: errorText(r.error) }));
      return fail(r.error);
    }
    dirty.current = true;
    setMenu(r.value.menu ?? { button: [] });
    setSelected(r.value.menu?.button.length ? { top: 0 } : null);
    setStatus({ text: t(r.value.menu ? 'menu.source.current' : 'menu.source.none') });
  }, [api, accountId, fail, t, errorText]);

  // Once per account: switching the language must not throw the edits away.
  const loadFirst = useEffectEvent((draft: MenuDraftDto | null | undefined) => {
    if (!draft) return void loadCurrent();
    setMenu(draft.menu);
    setSavedAt(draft.updatedAt);
    setSelected(draft.menu.button.length ? { top: 0 } : null);
    setStatus({ text: t('menu.source.draft') });
  });
  useEffect(() => {
    let live = true;
    void api.call('menu.draftGet', { accountId }).then((r) => {
      if (live) loadFirst(r.ok ? r.value.draft : undefined);
    });
    return () => {
      live = false;
    };
  }, [api, accountId]);

  useEffect(() => {
    if (!menu) return;
    const v = setTimeout(() => {
      void api.call('menu.validate', { menu, accountId }).then((r) => r.ok && setIssues(r.value.issues));
    }, 150);
    const s = dirty.current
      ? setTimeout(() => {
          void api.call('menu.draftSave', { accountId, menu }).then((r) => {
            if (r.ok) setSavedAt(r.value.updatedAt);
          });
        }, 400)
      : undefined;
    return () => {
      clearTimeout(v);
      clearTimeout(s);
    };
  }, [api, accountId, menu]);

  const edit = (next: MenuDto, sel?: Selection | null) => {
    dirty.current = true;
    setMenu(next);
    if (sel !== undefined) setSelected(sel);
  };

  const publish = async () => {
    if (!menu) return;
    const r = await api.call('menu.publish', { accountId, menu });
    if (r.ok) setStatus({ text: t('menu.published', { time: fmt.time(r.value.publishedAt) }), tone: 'ok' });
    else setStatus({ text: t('menu.publishFailed', { reason: errorText(r.error) }), tone: 'error' });
  };
  const remove = async () => {
    const r = await api.call('menu.delete', { accountId });
    if (r.ok) setStatus({ text: t('menu.deleted'), tone: 'ok' });
    else fail(r.error);
  };

  return {
    menu,
    loadError,
    selected,
    setSelected,
    issues,
    status,
    savedAt,
    edit,
    loadCurrent,
    publish,
    remove,
  };
}

export type MenuDraft = ReturnType<typeof useMenuDraft>;
