import { useRef, type KeyboardEvent, type RefObject } from 'react';
import type { CallbackSummaryDto } from '../../../../shared/api/areas/callbacks';
import { ROW_HEIGHT } from './CallbackRow';

export type SelectMode = 'only' | 'toggle' | 'range';

/**
 * The list's keyboard: ↑/↓ or j/k move, Home/End, PageUp/PageDown, Space marks, Shift extends,
 * Enter opens the detail, Esc closes it. `keyMoved` tells the list to scroll the active row into
 * view (only after a key moved it, never when a click or live entries did).
 */
export function useListKeys({
  items,
  activeId,
  activeIndex,
  scrollRef,
  onSelect,
  onOpen,
  onClose,
}: {
  items: readonly CallbackSummaryDto[];
  activeId: number | undefined;
  activeIndex: number;
  scrollRef: RefObject<HTMLDivElement | null>;
  onSelect: (id: number, mode: SelectMode, open: boolean) => void;
  onOpen: () => void;
  onClose: () => void;
}) {
  const keyMoved = useRef(false);

  const move = (to: number, extend: boolean) => {
    const target = items[Math.max(0, Math.min(items.length - 1, to))];
    if (!target) return;
    keyMoved.current = true;
    onSelect(target.id, extend ? 'range' : 'only', false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.metaKey || (e.ctrlKey && e.key !== ' ')) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
    const cur = activeIndex;
    switch (e.key) {
      case 'ArrowDown':
      case 'j':
        move(cur + 1, e.shiftKey);
        break;
      case 'ArrowUp':
      case 'k':
        move(cur < 0 ? 0 : cur - 1, e.shiftKey);
        break;
      case 'PageDown':
        move(cur + page, e.shiftKey);
        break;
      case 'PageUp':
        move(cur - page, e.shiftKey);
        break;
      case 'Home':
        move(0, e.shiftKey);
        break;
      case 'End':
        move(items.length - 1, e.shiftKey);
        break;
      case 'Enter':
        if (activeId !== undefined) onOpen();
        break;
      case 'Escape':
        onClose();
        break;
      case ' ':
        if (activeId !== undefined) onSelect(activeId, 'toggle', false);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return { onKeyDown, keyMoved };
}
