import { RULE_KINDS } from '../../../../shared/api/areas/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { KeywordFields } from './KeywordFields';
import { RuleTextField } from './RuleTextField';
import type { RuleFormApi } from './use-rule-form';

/** What the rule answers: its kind (关键词回复, 被关注回复...) and that kind's trigger fields. */
export function TriggerFields({ f }: { f: RuleFormApi }) {
  const { t } = useI18n();
  const { form, set } = f;
  return (
    <>
      <fieldset className="fieldset">
        <legend className="field-label">{t('rules.field.kind')}</legend>
        <div className="rules-kinds">
          {RULE_KINDS.map((k) => (
            <label key={k} className="radio-card">
              <input
                type="radio"
                name={`${f.uid}-kind`}
                checked={form.kind === k}
                onChange={() => set('kind', k)}
              />
              <span className="radio-card-title">{t(`rules.kind.${k}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      {form.kind === 'keyword' && <KeywordFields f={f} />}
      {form.kind === 'subscribe' && (
        <RuleTextField
          f={f}
          path="trigger.scene"
          label={t('rules.field.subscribeScene')}
          value={form.subscribeScene}
          onChange={(v) => set('subscribeScene', v)}
          hint={t('rules.field.subscribeScene.hint')}
          optional
        />
      )}
      {form.kind === 'click' && (
        <RuleTextField
          f={f}
          path="trigger.key"
          label={t('rules.field.clickKey')}
          value={form.clickKey}
          onChange={(v) => set('clickKey', v)}
          hint={t('rules.field.clickKey.hint')}
          mono
        />
      )}
      {form.kind === 'scan' && (
        <RuleTextField
          f={f}
          path="trigger.scene"
          label={t('rules.field.scanScene')}
          value={form.scanScene}
          onChange={(v) => set('scanScene', v)}
          hint={t('rules.field.scanScene.hint')}
          optional
        />
      )}
      {form.kind === 'default' && <p className="field-hint">{t('rules.field.default.hint')}</p>}
    </>
  );
}
