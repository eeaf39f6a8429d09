import { useId } from 'react';
import type { MenuButtonDto, MenuIssueDto } from '../../../../shared/api/areas/menu';
import { controlProps, Field } from '../../components/Field';
import {
  fieldIssue,
  isContainer,
  KEY_TYPES,
  MENU_TYPES,
  pathOf,
  utf8Bytes,
  type Selection,
} from './menu-model';
import { useI18n } from '../../i18n/I18nProvider';

type Patch = Partial<MenuButtonDto>;

/** The side form of the mp backend's editor: name, content type and the fields that type needs. */
export function ButtonForm({
  button,
  selection,
  issues,
  canMoveUp,
  canMoveDown,
  onChange,
  onRemove,
  onMove,
}: {
  button: MenuButtonDto;
  selection: Selection;
  issues: MenuIssueDto[];
  canMoveUp: boolean;
  canMoveDown: boolean;
  onChange: (p: Patch) => void;
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
}) {
  const { t, issueText } = useI18n();
  const uid = useId();
  const path = pathOf(selection);
  const isSub = selection.sub !== undefined;
  const err = (field: string) => {
    const i = fieldIssue(issues, `${path}.${field}`);
    return i ? issueText(i) : undefined;
  };
  const warn = (field: string) => {
    const i = fieldIssue(issues, `${path}.${field}`);
    return i?.severity === 'warning' ? issueText(i) : undefined;
  };
  const errOnly = (field: string) => (warn(field) ? undefined : err(field));
  const max = isSub ? 60 : 16;
  const type = button.type ?? '';
  const text = (field: keyof MenuButtonDto, label: string, hint?: string) => {
    const id = `${uid}-${field}`;
    const e = errOnly(field);
    return (
      <Field id={id} label={label} error={e} hint={warn(field) ?? hint}>
        <input
          {...controlProps(id, e, warn(field) ?? hint)}
          className="input"
          data-testid={`menu-field-${field}`}
          value={(button[field] as string | undefined) ?? ''}
          onChange={(ev) => onChange({ [field]: ev.target.value })}
        />
      </Field>
    );
  };
  return (
    <section
      className="card menu-form"
      aria-label={isSub ? t('menu.form.titleSub') : t('menu.form.titleTop')}
    >
      <header className="menu-form-head">
        <h2>{isSub ? t('menu.form.titleSub') : t('menu.form.titleTop')}</h2>
        <div className="menu-form-actions">
          <button type="button" className="btn btn-sm" disabled={!canMoveUp} onClick={() => onMove(-1)}>
            {isSub ? '↑' : '←'} {t('menu.form.moveUp')}
          </button>
          <button type="button" className="btn btn-sm" disabled={!canMoveDown} onClick={() => onMove(1)}>
            {isSub ? '↓' : '→'} {t('menu.form.moveDown')}
          </button>
          <button type="button" className="btn btn-sm btn-danger" onClick={onRemove}>
            {t('menu.form.remove')}
          </button>
        </div>
      </header>
      {text('name', t('menu.form.name'), t('menu.form.nameHint', { bytes: utf8Bytes(button.name), max }))}
      {!isSub && isContainer(button) ? (
        <p className="field-hint">{t('menu.form.container')}</p>
      ) : (
        <>
          <Field id={`${uid}-type`} label={t('menu.form.type')} error={err('type')}>
            <select
              {...controlProps(`${uid}-type`, err('type'))}
              className="select"
              data-testid="menu-field-type"
              value={type}
              onChange={(ev) => {
                const next = ev.target.value;
                onChange({
                  type: next,
                  ...(KEY_TYPES.has(next) && !button.key
                    ? { key: `KEY_${Date.now().toString(36).toUpperCase()}` }
                    : {}),
                });
              }}
            >
              {!MENU_TYPES.includes(type as (typeof MENU_TYPES)[number]) && (
                <option value={type}>{type || '—'}</option>
              )}
              {MENU_TYPES.map((m) => (
                <option key={m} value={m}>
                  {t(`menu.type.${m}`)}
                </option>
              ))}
            </select>
          </Field>
          {KEY_TYPES.has(type) && text('key', t('menu.form.key'), t('menu.form.keyHint'))}
          {type === 'view' && text('url', t('menu.form.url'))}
          {type === 'miniprogram' && (
            <>
              {text('appid', t('menu.form.appid'))}
              {text('pagepath', t('menu.form.pagepath'))}
              {text('url', t('menu.form.urlFallback'))}
            </>
          )}
          {(type === 'media_id' || type === 'view_limited') && text('media_id', t('menu.form.mediaId'))}
          {(type === 'article_id' || type === 'article_view_limited') &&
            text('article_id', t('menu.form.articleId'))}
        </>
      )}
    </section>
  );
}
