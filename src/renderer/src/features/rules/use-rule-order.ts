import { useState, type DragEvent } from 'react';
import type { RuleDto } from '../../../../shared/api/areas/rules';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/I18nProvider';
import { evaluationOrder, withPriority } from './rule-form';
import type { RuleSetState } from './use-rule-set';

/**
 * The rules in the order they are checked, and moving them: by the arrows (the keyboard stays on
 * the arrow) or by drag and drop. Default replies always come last and do not move. A move is
 * announced to screen readers and saved as priorities 10, 20, 30...
 */
export function useRuleOrder(
  { set, setSet, reload }: RuleSetState,
  fail: (e: { code: string; message: string }) => void,
  ok: () => void,
) {
  const { t } = useI18n();
  const api = useApi();
  const [dragId, setDragId] = useState<string>();
  const [announce, setAnnounce] = useState('');

  const ordered = set ? evaluationOrder(set.rules) : [];
  const specific = ordered.filter((r) => r.trigger.kind !== 'default');
  const defaults = ordered.filter((r) => r.trigger.kind === 'default');

  /** Persists an order of the specific rules as priorities 10, 20, 30... (only those that change). */
  const persistOrder = async (next: RuleDto[]) => {
    if (!set) return;
    const withNew = next.map((r, i) => ({ r, p: (i + 1) * 10 }));
    setSet({
      ...set,
      rules: [...withNew.map(({ r, p }) => ({ ...r, priority: p })), ...defaults],
    });
    const results = await Promise.all(
      withNew
        .filter(({ r, p }) => r.priority !== p)
        .map(({ r, p }) => api.call('rules.save', withPriority(r, p))),
    );
    const bad = results.find((x) => !x.ok);
    if (bad && !bad.ok) {
      fail(bad.error);
      reload();
    } else ok();
  };

  const move = (rule: RuleDto, to: number) => {
    const from = specific.findIndex((r) => r.id === rule.id);
    if (from < 0 || to < 0 || to >= specific.length || to === from) return;
    const next = [...specific];
    next.splice(from, 1);
    next.splice(to, 0, rule);
    setAnnounce(t('rules.moved', { name: rule.name, position: to + 1 }));
    void persistOrder(next);
  };

  const moveBy = (rule: RuleDto, delta: -1 | 1) => {
    const from = specific.findIndex((r) => r.id === rule.id);
    move(rule, from + delta);
    // Keep the keyboard where it was: on the same arrow, or the other one at an end of the list.
    requestAnimationFrame(() => {
      const row = document.querySelector(`[data-rule-id="${rule.id}"]`);
      const buttons = row?.querySelectorAll<HTMLButtonElement>('.rules-actions .btn-ghost');
      if (!buttons) return;
      const [up, down] = [buttons[0], buttons[1]];
      const want = delta < 0 ? up : down;
      (want && !want.disabled ? want : delta < 0 ? down : up)?.focus();
    });
  };

  /** A movable row's drag handlers; it drops where the dragged rule should go. */
  const dragProps = (rule: RuleDto, index: number) => ({
    draggable: true,
    onDragStart: (e: DragEvent<HTMLLIElement>) => {
      setDragId(rule.id);
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', rule.id);
    },
    onDragOver: (e: DragEvent<HTMLLIElement>) => {
      if (!dragId) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
    },
    onDrop: (e: DragEvent<HTMLLIElement>) => {
      e.preventDefault();
      const dragged = specific.find((r) => r.id === (dragId ?? e.dataTransfer.getData('text/plain')));
      setDragId(undefined);
      if (dragged) move(dragged, index);
    },
    onDragEnd: () => setDragId(undefined),
  });

  return { ordered, specific, defaults, moveBy, dragProps, dragId, announce };
}
