import { KEYWORD_MATCHES, MAX_KEYWORDS } from '../../../../shared/api/areas/rules';
import { controlProps } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';
import { emptyKeyword, type KeywordForm } from './rule-form';
import type { RuleFormApi } from './use-rule-form';
import { CheckboxLabel } from '../../components/CheckboxLabel';

/**
 * 关键词 as the mp backend's 关键词回复 edits them: one row per keyword, its 半匹配/全匹配 choice
 * first, then the word; any one matching fires the rule. Up to MAX_KEYWORDS.
 */
export function KeywordFields({ f }: { f: RuleFormApi }) {
  const { t } = useI18n();
  const { form, set } = f;
  const put = (keywords: KeywordForm[]) => set('keywords', keywords);
  const change = (i: number, patch: Partial<KeywordForm>) =>
    put(form.keywords.map((k, j) => (j === i ? { ...k, ...patch } : k)));
  const listError = f.err('trigger.keywords');
  return (
    <fieldset
      className="fieldset form-span"
      aria-describedby={listError ? f.id('trigger.keywords') : undefined}
    >
      <legend className="field-label">{t('rules.field.keywords')}</legend>
      <ol className="rules-keywords">
        {form.keywords.map((k, i) => {
          const textPath = `trigger.keywords.${i}.text`;
          const matchPath = `trigger.keywords.${i}.match`;
          const error = f.err(textPath) ?? f.err(matchPath);
          const n = i + 1;
          return (
            <li key={i} className="rules-keyword" data-testid="keyword-row">
              <select
                className="select"
                aria-label={t('rules.keyword.matchN', { n })}
                {...controlProps(f.id(matchPath), f.err(matchPath))}
                value={k.match}
                onChange={(e) => change(i, { match: e.target.value as KeywordForm['match'] })}
              >
                {KEYWORD_MATCHES.map((m) => (
                  <option key={m} value={m}>
                    {t(`rules.match.${m}`)}
                  </option>
                ))}
              </select>
              <input
                className={k.match === 'regex' ? 'input mono' : 'input'}
                aria-label={t('rules.keyword.n', { n })}
                {...controlProps(f.id(textPath), error)}
                value={k.text}
                placeholder={k.match === 'regex' ? t('rules.field.pattern.regex') : undefined}
                onChange={(e) => change(i, { text: e.target.value })}
              />
              <button
                type="button"
                className="btn btn-sm btn-ghost"
                aria-label={t('rules.keyword.remove', { n })}
                title={
                  form.keywords.length === 1 ? t('rules.keyword.keepOne') : t('rules.keyword.remove', { n })
                }
                disabled={form.keywords.length === 1}
                onClick={() => put(form.keywords.filter((_, j) => j !== i))}
              >
                ✕
              </button>
              {error && (
                <div className="field-error rules-keyword-error" id={`${f.id(textPath)}-error`} role="alert">
                  {error}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {listError && (
        <div className="field-error" id={f.id('trigger.keywords')} role="alert">
          {listError}
        </div>
      )}
      <div className="field-row">
        <button
          type="button"
          className="btn btn-sm"
          disabled={form.keywords.length >= MAX_KEYWORDS}
          onClick={() => put([...form.keywords, emptyKeyword()])}
        >
          {t('rules.keyword.add')}
        </button>
        <span className="field-hint">{t('rules.field.keywords.hint', { max: MAX_KEYWORDS })}</span>
      </div>
      <CheckboxLabel
        className="rules-check"
        checked={form.caseSensitive}
        onChange={(on) => set('caseSensitive', on)}
      >
        {t('rules.field.caseSensitive')}
      </CheckboxLabel>
    </fieldset>
  );
}
