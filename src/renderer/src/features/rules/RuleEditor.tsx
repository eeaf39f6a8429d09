import type { RuleDto } from '../../../../shared/api/areas/rules';
import { Dialog } from '../../components/Dialog';
import { SaveFoot } from '../../components/SaveFoot';
import { useI18n } from '../../i18n/I18nProvider';
import { ReplyEditor } from './ReplyEditor';
import { emptyReply, type RuleForm } from './rule-form';
import { RuleTextField } from './RuleTextField';
import { TriggerFields } from './TriggerFields';
import { useRuleForm } from './use-rule-form';
import { CheckboxLabel } from '../../components/CheckboxLabel';

/** The contract's limit (ruleSaveSchema in shared/api/areas/rules.ts). */
const MAX_REPLIES = 10;

/** Create or edit one rule; errors sit next to their fields (the contract's validator, then the server's). */
export function RuleEditor({
  accountId,
  existing,
  nextPriority,
  onClose,
  onSaved,
}: {
  accountId: string;
  existing?: RuleDto;
  nextPriority: number;
  onClose: () => void;
  onSaved: (rule: RuleDto) => void;
}) {
  const { t } = useI18n();
  const f = useRuleForm({ accountId, existing, nextPriority, onSaved });
  const { form, set } = f;

  return (
    <Dialog
      title={existing ? t('rules.editor.edit', { name: existing.name }) : t('rules.editor.create')}
      onClose={onClose}
      wide
    >
      <form className="dialog-form" onSubmit={f.submit} noValidate>
        <div className="dialog-body">
          {f.failure && (
            <div className="alert" role="alert">
              {t('rules.actionFailed', { reason: f.failure })}
            </div>
          )}
          <div className="form-grid">
            <RuleTextField
              f={f}
              path="name"
              label={t('rules.field.name')}
              value={form.name}
              onChange={(v) => set('name', v)}
              hint={t('rules.field.name.hint')}
            />
            <CheckboxLabel
              className="rules-check"
              checked={form.enabled}
              onChange={(on) => set('enabled', on)}
            >
              {t('rules.field.enabled')}
            </CheckboxLabel>
          </div>

          <TriggerFields f={f} />

          <fieldset className="fieldset rules-replies">
            <legend className="field-label">{t('rules.field.replies')}</legend>
            {f.err('replies') && (
              <div className="field-error" role="alert">
                {f.err('replies')}
              </div>
            )}
            {form.replies.map((reply, i) => (
              <ReplyEditor key={i} f={f} index={i} reply={reply} />
            ))}
            <div className="rules-reply-foot">
              {form.replies.length < MAX_REPLIES && (
                <button
                  type="button"
                  className="btn btn-sm"
                  onClick={() => set('replies', [...form.replies, emptyReply()])}
                >
                  {t('rules.reply.add')}
                </button>
              )}
              {form.replies.length > 1 && (
                <label className="rules-inline">
                  {t('rules.field.replyMode')}
                  <select
                    className="select"
                    value={form.replyMode}
                    onChange={(e) => set('replyMode', e.target.value as RuleForm['replyMode'])}
                  >
                    <option value="all">{t('rules.replyMode.all')}</option>
                    <option value="random">{t('rules.replyMode.random')}</option>
                  </select>
                </label>
              )}
            </div>
          </fieldset>
        </div>
        <SaveFoot busy={f.busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
