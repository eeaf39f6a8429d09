import type { MatchMode, RuleSetDto } from '../../../../shared/api/areas/rules';
import { useI18n } from '../../i18n/I18nProvider';

/** When several rules match: the first only, or all of them (the rest as customer-service messages). */
export function MatchModeSwitch({
  set,
  onChange,
}: {
  set: RuleSetDto | undefined;
  onChange: (m: MatchMode) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="rules-mode">
      <span className="field-label" id="rules-mode-label">
        {t('rules.matchMode')}
      </span>
      <div className="segmented" role="group" aria-labelledby="rules-mode-label">
        {(['first', 'all'] as const).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={set?.matchMode === m}
            disabled={!set}
            onClick={() => onChange(m)}
          >
            {t(`rules.matchMode.${m}`)}
          </button>
        ))}
      </div>
      {set && <span className="field-hint">{t(`rules.matchMode.hint.${set.matchMode}`)}</span>}
    </div>
  );
}
