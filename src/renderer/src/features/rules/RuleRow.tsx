import type { RuleDto } from '../../../../shared/api/areas/rules';
import { useI18n } from '../../i18n/I18nProvider';
import type { Translate } from '../../i18n/i18n';

export function triggerText(rule: RuleDto, t: Translate): string {
  const tr = rule.trigger;
  switch (tr.kind) {
    case 'keyword': {
      const words = tr.keywords.map((k) => `${t(`rules.match.${k.match}`)} · ${k.text}`).join(' / ');
      return tr.caseSensitive ? `${words} · ${t('rules.trigger.caseSensitive')}` : words;
    }
    case 'subscribe':
      return tr.scene ? t('rules.trigger.scene', { scene: tr.scene }) : t('rules.trigger.anyFollow');
    case 'click':
      return tr.key;
    case 'scan':
      return tr.scene ? t('rules.trigger.scene', { scene: tr.scene }) : t('rules.trigger.anyScan');
    case 'default':
      return t('rules.trigger.default');
  }
}

export function replyText(rule: RuleDto, t: Translate): string {
  const [first] = rule.replies;
  // The contract requires one reply at least; a rule without any has nothing to show.
  if (!first) return '';
  const head =
    first.type === 'text'
      ? first.content
      : first.type === 'news'
        ? `${t('rules.reply.news')}: ${first.articles[0]?.title ?? ''}`
        : t(`rules.reply.${first.type}`);
  if (rule.replies.length === 1) return head;
  return `${head} (+${rule.replies.length - 1}, ${t(`rules.replyMode.${rule.replyMode}`)})`;
}

/** One rule in the ordered list: drag handle, what triggers it, what it replies, and its actions. */
export function RuleRow({
  rule,
  index,
  count,
  movable,
  highlighted,
  dragging,
  onMove,
  onEdit,
  onDelete,
  onToggle,
  dragProps,
}: {
  rule: RuleDto;
  index: number;
  count: number;
  movable: boolean;
  highlighted: boolean;
  dragging: boolean;
  onMove: (delta: -1 | 1) => void;
  onEdit: () => void;
  onDelete: () => void;
  onToggle: (enabled: boolean) => void;
  dragProps: React.HTMLAttributes<HTMLLIElement> & { draggable?: boolean };
}) {
  const { t } = useI18n();
  return (
    <li
      className="rules-row"
      data-testid="rule-row"
      data-rule-id={rule.id}
      data-highlighted={highlighted || undefined}
      data-dragging={dragging || undefined}
      data-disabled={!rule.enabled || undefined}
      aria-label={rule.name}
      {...dragProps}
    >
      <span className="rules-handle" aria-hidden="true" title={t('rules.dragHandle', { name: rule.name })}>
        ⋮⋮
      </span>
      <span className="rules-index" aria-hidden="true">
        {index + 1}
      </span>
      <div className="rules-main">
        <div className="rules-line">
          <strong className="rules-name">{rule.name}</strong>
          <span className="badge">{t(`rules.kind.${rule.trigger.kind}`)}</span>
          {!rule.enabled && <span className="badge badge-sandbox">{t('rules.disabled')}</span>}
        </div>
        <div className="rules-trigger mono">{triggerText(rule, t)}</div>
        <div className="rules-reply-text">↳ {replyText(rule, t)}</div>
      </div>
      <div className="rules-actions">
        <label className="rules-switch" title={t('rules.enabledNamed', { name: rule.name })}>
          <input
            type="checkbox"
            checked={rule.enabled}
            aria-label={t('rules.enabledNamed', { name: rule.name })}
            onChange={(e) => onToggle(e.target.checked)}
          />
        </label>
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          aria-label={t('rules.moveUp', { name: rule.name })}
          title={t('rules.moveUp', { name: rule.name })}
          disabled={!movable || index === 0}
          onClick={() => onMove(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          aria-label={t('rules.moveDown', { name: rule.name })}
          title={t('rules.moveDown', { name: rule.name })}
          disabled={!movable || index === count - 1}
          onClick={() => onMove(1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="btn btn-sm"
          aria-label={t('rules.editNamed', { name: rule.name })}
          onClick={onEdit}
        >
          {t('common.edit')}
        </button>
        <button
          type="button"
          className="btn btn-sm btn-danger"
          aria-label={t('rules.deleteNamed', { name: rule.name })}
          onClick={onDelete}
        >
          {t('common.delete')}
        </button>
      </div>
    </li>
  );
}
