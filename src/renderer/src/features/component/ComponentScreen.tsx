import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { Alert } from '../../components/Alert';
import { useI18n } from '../../i18n/I18nProvider';
import { PlatformDetail } from './PlatformDetail';
import { PlatformForm } from './PlatformForm';
import { usePlatforms } from './use-platforms';
import './component.css';

/** `#/component/<platformId>`: third-party platforms (第三方平台, docs/wechat-protocol.md §11). */
export function ComponentScreen({ params }: { params: string[] }) {
  const { t, errorText } = useI18n();
  const api = useApi();
  const { platforms, error, upsert } = usePlatforms();
  const [chosen, setChosen] = useState<string | undefined>(params[0]);
  const [editing, setEditing] = useState<'new' | 'edit' | null>(null);
  const [failure, setFailure] = useState<string>();
  const current = platforms?.find((p) => p.id === chosen) ?? platforms?.[0];

  const remove = async (id: string) => {
    if (!window.confirm(t('component.delete.confirm'))) return;
    const r = await api.call('component.delete', { id });
    setFailure(r.ok ? undefined : errorText(r.error));
    if (r.ok) setChosen(undefined);
  };

  return (
    <div className="component-screen">
      <div className="page-head">
        <p>{t('component.intro')}</p>
      </div>
      <Alert>{error && errorText(error)}</Alert>
      <div className="component-layout">
        <aside className="card component-list" aria-label={t('component.list.title')}>
          <h2 className="section-title">{t('component.list.title')}</h2>
          {platforms && platforms.length === 0 && <p className="empty">{t('component.list.empty')}</p>}
          <ul>
            {platforms?.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className={`component-item${p.id === current?.id ? ' active' : ''}`}
                  aria-current={p.id === current?.id ? 'true' : undefined}
                  onClick={() => {
                    setChosen(p.id);
                    setEditing(null);
                  }}
                >
                  <span className="component-item-name">{p.name}</span>
                  <span className="mono component-item-appid">{p.componentAppId}</span>
                  {p.isSandbox && <span className="badge badge-sandbox">sandbox</span>}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="btn btn-primary btn-sm" onClick={() => setEditing('new')}>
            {t('component.add')}
          </button>
        </aside>
        <div className="component-main">
          {editing && (
            <PlatformForm
              key={editing === 'new' ? 'new' : current?.id}
              platform={editing === 'edit' ? current : undefined}
              onDone={(p) => {
                setEditing(null);
                if (p) {
                  upsert(p);
                  setChosen(p.id);
                }
              }}
            />
          )}
          {current && !editing && (
            <>
              <div className="component-head">
                <h2 className="section-title">
                  {current.name} <span className="mono component-item-appid">{current.componentAppId}</span>
                </h2>
                <div className="component-actions">
                  <button type="button" className="btn btn-sm" onClick={() => setEditing('edit')}>
                    {t('component.edit')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-sm btn-danger"
                    onClick={() => void remove(current.id)}
                  >
                    {t('component.delete')}
                  </button>
                </div>
              </div>
              <Alert>{failure}</Alert>
              <PlatformDetail platform={current} />
            </>
          )}
        </div>
      </div>
    </div>
  );
}
