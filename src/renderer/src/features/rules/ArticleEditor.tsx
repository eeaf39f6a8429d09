import { useI18n } from '../../i18n/I18nProvider';
import type { ArticleForm } from './rule-form';
import { RuleTextField } from './RuleTextField';
import type { RuleFormApi } from './use-rule-form';

/** One article of a news reply: title, link, description and picture URL. */
export function ArticleEditor({
  f,
  path,
  index: k,
  article: a,
  removable,
  onChange,
  onRemove,
}: {
  f: RuleFormApi;
  path: string;
  index: number;
  article: ArticleForm;
  removable: boolean;
  onChange: (patch: Partial<ArticleForm>) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const name = t('rules.article.n', { n: k + 1 });
  return (
    <div className="rules-article" role="group" aria-label={name}>
      <div className="rules-reply-head">
        <span>{name}</span>
        {removable && (
          <button type="button" className="btn btn-sm btn-ghost" onClick={onRemove}>
            {t('rules.article.remove', { n: k + 1 })}
          </button>
        )}
      </div>
      <div className="form-grid">
        <RuleTextField
          f={f}
          path={`${path}.title`}
          label={t('rules.field.title')}
          value={a.title}
          onChange={(v) => onChange({ title: v })}
        />
        <RuleTextField
          f={f}
          path={`${path}.url`}
          label={t('rules.field.url')}
          value={a.url}
          onChange={(v) => onChange({ url: v })}
          optional
        />
        <RuleTextField
          f={f}
          path={`${path}.description`}
          label={t('rules.field.description')}
          value={a.description}
          onChange={(v) => onChange({ description: v })}
          optional
        />
        <RuleTextField
          f={f}
          path={`${path}.picUrl`}
          label={t('rules.field.picUrl')}
          value={a.picUrl}
          onChange={(v) => onChange({ picUrl: v })}
          optional
        />
      </div>
    </div>
  );
}
