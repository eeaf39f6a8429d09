import { useId, useState, type FormEvent } from 'react';
import { KEYWORD_MATCHES, RULE_KINDS, type RuleDto } from '../../../../shared/api/areas/rules';
import { useApi } from '../../api/api-context';
import { Dialog } from '../../components/Dialog';
import { controlProps, Field } from '../../components/Field';
import { useIssueText } from '../../i18n/i18n';
import { useErrorText, useFeatureT } from '../../i18n/feature-i18n';
import { rulesMessages } from './messages';
import { SaveFoot } from '../../components/SaveFoot';
import {
  emptyArticle,
  emptyReply,
  formOf,
  inputOf,
  validateInput,
  type ReplyForm,
  type RuleForm,
} from './rule-form';

const REPLY_TYPES = ['text', 'image', 'news', 'transfer'] as const;

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
  const t = useFeatureT(rulesMessages);
  const issueText = useIssueText();
  const errorText = useErrorText();
  const api = useApi();
  const uid = useId();
  const [form, setForm] = useState<RuleForm>(() => formOf(existing));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof RuleForm>(k: K, v: RuleForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const setReply = (i: number, patch: Partial<ReplyForm>) =>
    setForm((f) => ({ ...f, replies: f.replies.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));
  const err = (path: string) =>
    errors[path] ? issueText({ key: errors[path], message: errors[path] }) : undefined;
  const id = (path: string) => `${uid}-${path.replace(/\./g, '-')}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = inputOf(form, accountId, existing, nextPriority);
    const local = validateInput(input);
    setErrors(local);
    setFailure(undefined);
    if (Object.keys(local).length > 0) {
      // Move focus to the first field that needs attention.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    const r = await api.call('rules.save', input);
    setBusy(false);
    if (r.ok) return onSaved(r.value);
    if (r.error.issues?.length) setErrors(Object.fromEntries(r.error.issues.map((i) => [i.path, i.key])));
    setFailure(errorText(r.error));
  };

  const text = (
    path: string,
    label: string,
    value: string,
    onChange: (v: string) => void,
    opts: { hint?: string; optional?: boolean; multiline?: boolean; mono?: boolean } = {},
  ) => (
    <Field id={id(path)} label={label} hint={opts.hint} optional={opts.optional} error={err(path)}>
      {opts.multiline ? (
        <textarea
          className="input rules-textarea"
          rows={3}
          {...controlProps(id(path), err(path), opts.hint)}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          className={opts.mono ? 'input mono' : 'input'}
          {...controlProps(id(path), err(path), opts.hint)}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <Dialog
      title={existing ? t('rules.editor.edit', { name: existing.name }) : t('rules.editor.create')}
      onClose={onClose}
      wide
    >
      <form className="dialog-form" onSubmit={submit} noValidate>
        <div className="dialog-body">
          {failure && (
            <div className="alert" role="alert">
              {t('rules.actionFailed', { reason: failure })}
            </div>
          )}
          <div className="form-grid">
            {text('name', t('rules.field.name'), form.name, (v) => set('name', v), {
              hint: t('rules.field.name.hint'),
            })}
            <label className="rules-check">
              <input
                type="checkbox"
                checked={form.enabled}
                onChange={(e) => set('enabled', e.target.checked)}
              />
              {t('rules.field.enabled')}
            </label>
          </div>

          <fieldset className="fieldset">
            <legend className="field-label">{t('rules.field.kind')}</legend>
            <div className="rules-kinds">
              {RULE_KINDS.map((k) => (
                <label key={k} className="radio-card">
                  <input
                    type="radio"
                    name={`${uid}-kind`}
                    checked={form.kind === k}
                    onChange={() => set('kind', k)}
                  />
                  <span className="radio-card-title">{t(`rules.kind.${k}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>

          {form.kind === 'keyword' && (
            <div className="form-grid">
              <Field id={id('trigger.match')} label={t('rules.field.match')} error={err('trigger.match')}>
                <select
                  className="select"
                  {...controlProps(id('trigger.match'), err('trigger.match'))}
                  value={form.match}
                  onChange={(e) => set('match', e.target.value as RuleForm['match'])}
                >
                  {KEYWORD_MATCHES.map((m) => (
                    <option key={m} value={m}>
                      {t(`rules.match.${m}`)}
                    </option>
                  ))}
                </select>
              </Field>
              {text(
                'trigger.pattern',
                form.match === 'regex' ? t('rules.field.pattern.regex') : t('rules.field.pattern'),
                form.pattern,
                (v) => set('pattern', v),
                { mono: form.match === 'regex' },
              )}
              <label className="rules-check form-span">
                <input
                  type="checkbox"
                  checked={form.caseSensitive}
                  onChange={(e) => set('caseSensitive', e.target.checked)}
                />
                {t('rules.field.caseSensitive')}
              </label>
            </div>
          )}
          {form.kind === 'subscribe' &&
            text(
              'trigger.scene',
              t('rules.field.subscribeScene'),
              form.subscribeScene,
              (v) => set('subscribeScene', v),
              {
                hint: t('rules.field.subscribeScene.hint'),
                optional: true,
              },
            )}
          {form.kind === 'click' &&
            text('trigger.key', t('rules.field.clickKey'), form.clickKey, (v) => set('clickKey', v), {
              hint: t('rules.field.clickKey.hint'),
              mono: true,
            })}
          {form.kind === 'scan' &&
            text('trigger.scene', t('rules.field.scanScene'), form.scanScene, (v) => set('scanScene', v), {
              hint: t('rules.field.scanScene.hint'),
              optional: true,
            })}
          {form.kind === 'default' && <p className="field-hint">{t('rules.field.default.hint')}</p>}

          <fieldset className="fieldset rules-replies">
            <legend className="field-label">{t('rules.field.replies')}</legend>
            {err('replies') && (
              <div className="field-error" role="alert">
                {err('replies')}
              </div>
            )}
            {form.replies.map((r, i) => (
              <div key={i} className="rules-reply" role="group" aria-label={t('rules.reply.n', { n: i + 1 })}>
                <div className="rules-reply-head">
                  <strong>{t('rules.reply.n', { n: i + 1 })}</strong>
                  <select
                    className="select"
                    aria-label={`${t('rules.reply.n', { n: i + 1 })}: ${t('rules.field.replyType')}`}
                    value={r.type}
                    onChange={(e) => setReply(i, { type: e.target.value as ReplyForm['type'] })}
                  >
                    {REPLY_TYPES.map((x) => (
                      <option key={x} value={x}>
                        {t(`rules.reply.${x}`)}
                      </option>
                    ))}
                  </select>
                  {form.replies.length > 1 && (
                    <button
                      type="button"
                      className="btn btn-sm btn-danger"
                      onClick={() =>
                        set(
                          'replies',
                          form.replies.filter((_, j) => j !== i),
                        )
                      }
                    >
                      {t('rules.reply.remove', { n: i + 1 })}
                    </button>
                  )}
                </div>
                {r.type === 'text' &&
                  text(
                    `replies.${i}.content`,
                    t('rules.field.content'),
                    r.content,
                    (v) => setReply(i, { content: v }),
                    {
                      multiline: true,
                    },
                  )}
                {r.type === 'image' &&
                  text(
                    `replies.${i}.mediaId`,
                    t('rules.field.mediaId'),
                    r.mediaId,
                    (v) => setReply(i, { mediaId: v }),
                    {
                      hint: t('rules.field.mediaId.hint'),
                      mono: true,
                    },
                  )}
                {r.type === 'transfer' &&
                  text(
                    `replies.${i}.kfAccount`,
                    t('rules.field.kfAccount'),
                    r.kfAccount,
                    (v) => setReply(i, { kfAccount: v }),
                    { hint: t('rules.field.kfAccount.hint'), optional: true },
                  )}
                {r.type === 'news' && (
                  <>
                    {r.articles.map((a, k) => {
                      const setA = (patch: Partial<typeof a>) =>
                        setReply(i, {
                          articles: r.articles.map((x, m) => (m === k ? { ...x, ...patch } : x)),
                        });
                      const p = `replies.${i}.articles.${k}`;
                      return (
                        <div
                          key={k}
                          className="rules-article"
                          role="group"
                          aria-label={t('rules.article.n', { n: k + 1 })}
                        >
                          <div className="rules-reply-head">
                            <span>{t('rules.article.n', { n: k + 1 })}</span>
                            {r.articles.length > 1 && (
                              <button
                                type="button"
                                className="btn btn-sm btn-ghost"
                                onClick={() =>
                                  setReply(i, { articles: r.articles.filter((_, m) => m !== k) })
                                }
                              >
                                {t('rules.article.remove', { n: k + 1 })}
                              </button>
                            )}
                          </div>
                          <div className="form-grid">
                            {text(`${p}.title`, t('rules.field.title'), a.title, (v) => setA({ title: v }))}
                            {text(`${p}.url`, t('rules.field.url'), a.url, (v) => setA({ url: v }), {
                              optional: true,
                            })}
                            {text(
                              `${p}.description`,
                              t('rules.field.description'),
                              a.description,
                              (v) => setA({ description: v }),
                              {
                                optional: true,
                              },
                            )}
                            {text(
                              `${p}.picUrl`,
                              t('rules.field.picUrl'),
                              a.picUrl,
                              (v) => setA({ picUrl: v }),
                              {
                                optional: true,
                              },
                            )}
                          </div>
                        </div>
                      );
                    })}
                    {err(`replies.${i}.articles`) && (
                      <div className="field-error">{err(`replies.${i}.articles`)}</div>
                    )}
                    {r.articles.length < 8 && (
                      <div>
                        <button
                          type="button"
                          className="btn btn-sm"
                          onClick={() => setReply(i, { articles: [...r.articles, emptyArticle()] })}
                        >
                          {t('rules.article.add')}
                        </button>
                      </div>
                    )}
                  </>
                )}
              </div>
            ))}
            <div className="rules-reply-foot">
              {form.replies.length < 10 && (
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
        <SaveFoot busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
