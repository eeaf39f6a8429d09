import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useI18n } from '../../i18n/I18nProvider';
import type { MenuDraft } from './use-menu-draft';

/** Load the platform's menu, delete it, publish the draft; each asks first. */
export function MenuToolbar({ draft, canPublish }: { draft: MenuDraft; canPublish: boolean }) {
  const { t, fmt } = useI18n();
  const [confirm, setConfirm] = useState<'publish' | 'delete' | 'load' | null>(null);
  const { status, savedAt } = draft;
  const close = () => setConfirm(null);
  return (
    <div className="menu-toolbar">
      <button
        type="button"
        className="btn"
        onClick={() => (savedAt !== null ? setConfirm('load') : void draft.loadCurrent())}
      >
        {t('menu.loadCurrent')}
      </button>
      <button type="button" className="btn btn-danger" onClick={() => setConfirm('delete')}>
        {t('menu.deleteMenu')}
      </button>
      <span className="menu-status" role="status" data-tone={status?.tone}>
        {status?.text}
        {savedAt !== null && (
          <span className="menu-saved">{t('menu.draftSaved', { time: fmt.time(savedAt) })}</span>
        )}
      </span>
      <button
        type="button"
        className="btn btn-primary"
        disabled={!canPublish}
        onClick={() => setConfirm('publish')}
      >
        {t('menu.publish')}
      </button>
      {confirm === 'publish' && (
        <ConfirmDialog
          title={t('menu.publish.title')}
          confirmLabel={t('menu.publish')}
          onConfirm={async () => {
            await draft.publish();
            close();
          }}
          onClose={close}
        >
          <p>{t('menu.publish.body')}</p>
        </ConfirmDialog>
      )}
      {confirm === 'load' && (
        <ConfirmDialog
          title={t('menu.load.title')}
          confirmLabel={t('menu.loadCurrent')}
          onConfirm={async () => {
            close();
            await draft.loadCurrent();
          }}
          onClose={close}
        >
          <p>{t('menu.load.body')}</p>
        </ConfirmDialog>
      )}
      {confirm === 'delete' && (
        <ConfirmDialog
          title={t('menu.delete.title')}
          confirmLabel={t('menu.deleteMenu')}
          onConfirm={async () => {
            await draft.remove();
            close();
          }}
          onClose={close}
        >
          <p>{t('menu.delete.body')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
