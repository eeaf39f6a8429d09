import { useI18n } from '../../i18n/I18nProvider';
import { ArticleEditor } from './ArticleEditor';
import { emptyArticle, type ReplyForm } from './rule-form';
import { RuleTextField } from './RuleTextField';
import type { RuleFormApi } from './use-rule-form';

const REPLY_TYPES = ['text', 'image', 'news', 'transfer'] as const;
/** WeChat's limit for a passive news reply (docs/wechat-protocol.md §3.2). */
const MAX_ARTICLES = 8;

/** One reply of the rule: its type, and the text, image, news articles or transfer it sends. */
export function ReplyEditor({ f, index: i, reply: r }: { f: RuleFormApi; index: number; reply: ReplyForm }) {
  const { t } = useI18n();
  const { form, set, setReply } = f;
  const name = t('rules.reply.n', { n: i + 1 });
  const base = `replies.${i}`;
  return (
    <div className="rules-reply" role="group" aria-label={name}>
      <div className="rules-reply-head">
        <strong>{name}</strong>
        <select
          className="select"
          aria-label={`${name}: ${t('rules.field.replyType')}`}
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
      {r.type === 'text' && (
        <RuleTextField
          f={f}
          path={`${base}.content`}
          label={t('rules.field.content')}
          value={r.content}
          onChange={(v) => setReply(i, { content: v })}
          multiline
        />
      )}
      {r.type === 'image' && (
        <RuleTextField
          f={f}
          path={`${base}.mediaId`}
          label={t('rules.field.mediaId')}
          value={r.mediaId}
          onChange={(v) => setReply(i, { mediaId: v })}
          hint={t('rules.field.mediaId.hint')}
          mono
        />
      )}
      {r.type === 'transfer' && (
        <RuleTextField
          f={f}
          path={`${base}.kfAccount`}
          label={t('rules.field.kfAccount')}
          value={r.kfAccount}
          onChange={(v) => setReply(i, { kfAccount: v })}
          hint={t('rules.field.kfAccount.hint')}
          optional
        />
      )}
      {r.type === 'news' && (
        <>
          {r.articles.map((a, k) => (
            <ArticleEditor
              key={k}
              f={f}
              path={`${base}.articles.${k}`}
              index={k}
              article={a}
              removable={r.articles.length > 1}
              onChange={(patch) =>
                setReply(i, { articles: r.articles.map((x, m) => (m === k ? { ...x, ...patch } : x)) })
              }
              onRemove={() => setReply(i, { articles: r.articles.filter((_, m) => m !== k) })}
            />
          ))}
          {f.err(`${base}.articles`) && <div className="field-error">{f.err(`${base}.articles`)}</div>}
          {r.articles.length < MAX_ARTICLES && (
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
  );
}
