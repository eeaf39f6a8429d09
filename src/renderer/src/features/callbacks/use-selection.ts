import { useCallback, useRef, useState } from 'react';
import type { CallbackSummaryDto } from '../../../../shared/api/areas/callbacks';
import { indexOfId } from './callback-log-store';
import type { SelectMode } from './use-list-keys';

/**
 * Which entry is active (and whether its detail is open) and which are marked: a click marks one,
 * Ctrl/⌘ toggles, Shift extends from the last plain or toggled pick (the anchor).
 */
export function useSelection(items: readonly CallbackSummaryDto[], initialId: number | undefined) {
  const [activeId, setActiveId] = useState<number | undefined>(initialId);
  const [selected, setSelected] = useState<ReadonlySet<number>>(() => new Set(initialId ? [initialId] : []));
  const [open, setOpen] = useState(initialId !== undefined);
  const anchor = useRef<number | undefined>(initialId);
  // Read at call time, so onSelect (and the detail pane, which gets it) stays the same across live
  // list updates: the detail must not re-render at every batch.
  const itemsRef = useRef(items);
  itemsRef.current = items;

  const onSelect = useCallback((id: number, mode: SelectMode, openIt: boolean) => {
    setActiveId(id);
    if (mode === 'only') {
      anchor.current = id;
      setSelected(new Set([id]));
    } else if (mode === 'toggle') {
      anchor.current = id;
      setSelected((s) => {
        const n = new Set(s);
        if (n.has(id)) n.delete(id);
        else n.add(id);
        return n;
      });
    } else {
      const items = itemsRef.current;
      const a = anchor.current === undefined ? -1 : indexOfId(items, anchor.current);
      const b = indexOfId(items, id);
      if (a < 0 || b < 0) setSelected(new Set([id]));
      else {
        const [from, to] = a < b ? [a, b] : [b, a];
        setSelected(new Set(items.slice(from, to + 1).map((e) => e.id)));
      }
    }
    if (openIt) setOpen(true);
  }, []);
  const openEntry = useCallback((id: number) => onSelect(id, 'only', true), [onSelect]);
  const clearSelection = useCallback(() => setSelected(new Set()), []);

  /** What Export takes: the marked entries, else the active one. */
  const exportIds = selected.size ? [...selected] : activeId !== undefined ? [activeId] : [];

  return { activeId, selected, open, setOpen, onSelect, openEntry, clearSelection, exportIds };
}
