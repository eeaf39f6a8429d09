import { useState } from 'react';
import type { FanTagDto } from '../../../../shared/api/areas/fans';
import type { Result } from '../../../../shared/api/result';
import { useApi } from '../../api/api-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { errorLine } from '../../components/wechat-refusal';
import { useI18n } from '../../i18n/I18nProvider';

/** 标签管理: the account's tags with their fans, created, renamed and deleted on WeChat (§9). */
export function TagManager({
  accountId,
  tags,
  onTags,
  onClose,
}: {
  accountId: string;
  tags: FanTagDto[];
  onTags: (tags: FanTagDto[]) => void;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const api = useApi();
  const [name, setName] = useState('');
  const [editing, setEditing] = useState<{ id: number; name: string } | null>(null);
  const [deleting, setDeleting] = useState<FanTagDto | null>(null);
  const [error, setError] = useState<string>();

  const apply = async (call: Promise<Result<FanTagDto[]>>) => {
    const r = await call;
    if (!r.ok)
      return setError(r.error.issues?.[0] ? i18n.issueText(r.error.issues[0]) : errorLine(r.error, i18n));
    setError(undefined);
    onTags(r.value);
    return true;
  };
  const create = async () => {
    if (await apply(api.call('fans.createTag', { accountId, name }))) setName('');
  };
  const rename = async () => {
    if (
      editing &&
      (await apply(api.call('fans.renameTag', { accountId, tagId: editing.id, name: editing.name })))
    )
      setEditing(null);
  };

  return (
    <Dialog title={t('fans.tags.title')} onClose={onClose}>
      <div className="dialog-body">
        <ul className="fans-tag-list">
          {tags.map((tag) => (
            <li key={tag.id}>
              {editing?.id === tag.id ? (
                <input
                  className="input"
                  aria-label={t('fans.tags.newName')}
                  value={editing.name}
                  onChange={(e) => setEditing({ id: tag.id, name: e.target.value })}
                  onKeyDown={(e) => e.key === 'Enter' && void rename()}
                />
              ) : (
                <span className="fans-tag-name">{tag.name}</span>
              )}
              <span className="fans-muted">{t('fans.tags.count', { count: tag.count })}</span>
              {tag.system ? (
                <span className="fans-muted">{t('fans.tags.system')}</span>
              ) : editing?.id === tag.id ? (
                <button type="button" className="btn btn-sm btn-primary" onClick={() => void rename()}>
                  {t('common.save')}
                </button>
              ) : (
                <span className="fans-tag-actions">
                  <button
                    type="button"
                    className="btn btn-sm"
                    onClick={() => setEditing({ id: tag.id, name: tag.name })}
                  >
                    {t('fans.tags.rename')}
                  </button>
                  <button type="button" className="btn btn-sm" onClick={() => setDeleting(tag)}>
                    {t('common.delete')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
        <div className="fans-tag-new">
          <input
            className="input"
            aria-label={t('fans.tags.name')}
            placeholder={t('fans.tags.name')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && void create()}
          />
          <button
            type="button"
            className="btn btn-primary"
            disabled={!name.trim()}
            onClick={() => void create()}
          >
            {t('fans.tags.create')}
          </button>
        </div>
        {error && (
          <p className="fans-error" role="alert">
            {error}
          </p>
        )}
        <p className="field-hint">{t('fans.tags.hint', { max: fmt.number(100) })}</p>
      </div>
      {deleting && (
        <ConfirmDialog
          title={t('fans.tags.deleteTitle', { name: deleting.name })}
          confirmLabel={t('common.delete')}
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await apply(api.call('fans.deleteTag', { accountId, tagId: deleting.id }));
            setDeleting(null);
          }}
        >
          {t('fans.tags.deleteBody', { count: deleting.count })}
        </ConfirmDialog>
      )}
    </Dialog>
  );
}
