import { useId, type KeyboardEvent } from 'react';
import type { FieldIssue } from '../../../../shared/errors';
import { controlProps, Field } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';

export type DraftKind = 'text' | 'image' | 'news' | 'mpnews';

/** Everything the composer holds, for every kind (switching kind keeps what was typed). */
export interface Draft {
  kind: DraftKind;
  text: string;
  mediaId: string;
  title: string;
  description: string;
  url: string;
  picUrl: string;
}

export const EMPTY_DRAFT: Draft = {
  kind: 'text',
  text: '',
  mediaId: '',
  title: '',
  description: '',
  url: '',
  picUrl: '',
};

type TextField = Exclude<keyof Draft, 'kind'>;
/** The contract's field names (outgoingMessageSchema) for the draft's. */
const PATHS: Partial<Record<TextField, string>> = { text: 'message.content', picUrl: 'message.picUrl' };

/** The fields of the draft's kind, each with the server's issue for it (in the UI language). */
export function ComposerFields({
  draft,
  onChange,
  issues,
  issueText,
  onSubmit,
}: {
  draft: Draft;
  onChange: (d: Draft) => void;
  issues: FieldIssue[] | undefined;
  issueText: (i: FieldIssue) => string;
  onSubmit: () => void;
}) {
  const { t } = useI18n();
  const uid = useId();
  const errorOf = (f: TextField) => {
    const issue = issues?.find((i) => i.path === (PATHS[f] ?? `message.${f}`));
    return issue ? issueText(issue) : undefined;
  };
  const sendOnCtrlEnter = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onSubmit();
    }
  };
  const input = (
    f: TextField,
    label: string,
    opts: { optional?: boolean; hint?: string; mono?: boolean } = {},
  ) => {
    const id = `${uid}-${f}`;
    const error = errorOf(f);
    return (
      <Field id={id} label={label} optional={opts.optional} error={error} hint={opts.hint}>
        <input
          {...controlProps(id, error, opts.hint)}
          className={opts.mono ? 'input mono' : 'input'}
          value={draft[f]}
          onChange={(e) => onChange({ ...draft, [f]: e.target.value })}
          onKeyDown={sendOnCtrlEnter}
        />
      </Field>
    );
  };

  if (draft.kind === 'text') {
    const id = `${uid}-text`;
    const error = errorOf('text');
    return (
      <Field id={id} label={t('msg.field.text')} error={error}>
        <textarea
          {...controlProps(id, error)}
          className="input msg-textarea"
          rows={3}
          value={draft.text}
          placeholder={t('msg.field.textPlaceholder')}
          onChange={(e) => onChange({ ...draft, text: e.target.value })}
          onKeyDown={sendOnCtrlEnter}
        />
      </Field>
    );
  }
  if (draft.kind === 'image' || draft.kind === 'mpnews') {
    return input('mediaId', t('msg.field.mediaId'), {
      mono: true,
      hint: t(draft.kind === 'image' ? 'msg.field.mediaIdHint' : 'msg.field.mpnewsHint'),
    });
  }
  return (
    <div className="msg-news-fields">
      {input('title', t('msg.field.title'))}
      {input('url', t('msg.field.url'), { mono: true })}
      {input('description', t('msg.field.description'), { optional: true })}
      {input('picUrl', t('msg.field.picUrl'), { optional: true, mono: true })}
    </div>
  );
}
