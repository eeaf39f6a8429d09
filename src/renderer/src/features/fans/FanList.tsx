import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { FanDto, FanTagDto } from '../../../../shared/api/areas/fans';
import { useI18n } from '../../i18n/I18nProvider';
import { isMessageKey, type Translate } from '../../i18n/i18n';
import { tagNames } from './fan-filter';

const ROW = 44;

export const sceneLabel = (t: Translate, scene?: string) => {
  if (!scene) return '—';
  const k = `fans.scene.${scene}`;
  return isMessageKey(k) ? t(k) : scene;
};

/** Only the visible rows exist in the DOM, so 100,000 fans scroll like 100; the end pages in more. */
export function FanList({
  items,
  tags,
  open,
  selected,
  onOpen,
  onToggle,
  onEnd,
  loading,
}: {
  items: FanDto[];
  tags: FanTagDto[];
  open: string | null;
  selected: ReadonlySet<string>;
  onOpen: (openid: string) => void;
  onToggle: (openid: string) => void;
  onEnd: () => void;
  loading: boolean;
}) {
  const { t } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 10,
    getItemKey: (i) => items[i]?.openid ?? i,
  });
  const rows = v.getVirtualItems();
  const last = rows.at(-1)?.index ?? -1;
  useEffect(() => {
    if (last >= items.length - 40) onEnd();
  }, [last, items.length, onEnd]);

  return (
    <div className="fans-table" role="table" aria-label={t('nav.fans')}>
      <div className="fans-row fans-head" role="row">
        <span role="columnheader" aria-label={t('fans.col.select')} />
        <span role="columnheader">{t('fans.col.name')}</span>
        <span role="columnheader">{t('fans.col.openid')}</span>
        <span role="columnheader">{t('fans.col.time')}</span>
        <span role="columnheader">{t('fans.col.tags')}</span>
        <span role="columnheader">{t('fans.col.scene')}</span>
        <span role="columnheader">{t('fans.col.seen')}</span>
      </div>
      <div className="fans-scroll" ref={scrollRef} role="rowgroup">
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {rows.map((r) => {
            const fan = items[r.index];
            if (!fan) return null;
            return (
              <FanRow
                key={r.key}
                fan={fan}
                top={r.start}
                tags={tags}
                open={open === fan.openid}
                selected={selected.has(fan.openid)}
                onOpen={onOpen}
                onToggle={onToggle}
              />
            );
          })}
        </div>
        {loading && <p className="field-hint fans-loading">{t('fans.loadingMore')}</p>}
      </div>
    </div>
  );
}

/** One fan: select box, name with its badges, openid, subscribe time, tags, scene and last seen. */
function FanRow({
  fan: f,
  top,
  tags,
  open,
  selected,
  onOpen,
  onToggle,
}: {
  fan: FanDto;
  top: number;
  tags: FanTagDto[];
  open: boolean;
  selected: boolean;
  onOpen: (openid: string) => void;
  onToggle: (openid: string) => void;
}) {
  const { t, fmt } = useI18n();
  const name = f.remark || f.nickname;
  return (
    <div
      role="row"
      tabIndex={0}
      className="fans-row fans-item"
      aria-selected={open}
      data-openid={f.openid}
      style={{ height: ROW, transform: `translateY(${top}px)` }}
      onClick={() => onOpen(f.openid)}
      onKeyDown={(e) => e.key === 'Enter' && onOpen(f.openid)}
    >
      <span role="cell" onClick={(e) => e.stopPropagation()}>
        <input
          type="checkbox"
          aria-label={t('fans.select', { name: name || f.openid })}
          checked={selected}
          onChange={() => onToggle(f.openid)}
        />
      </span>
      <span role="cell" className={name ? 'fans-name' : 'fans-name fans-muted'}>
        {name || t('fans.noRemark')}
        {!f.subscribed && <span className="badge fans-badge-off">{t('fans.badge.unsubscribed')}</span>}
        {f.blacklisted && <span className="badge fans-badge-black">{t('fans.badge.blacklisted')}</span>}
      </span>
      <span role="cell" className="fans-openid">
        {f.openid}
      </span>
      <span role="cell">{f.subscribeTime ? fmt.dateTime(f.subscribeTime) : '—'}</span>
      <span role="cell" className="fans-tags">
        {tagNames(tags, f.tagIds).map((n) => (
          <span key={n} className="badge">
            {n}
          </span>
        ))}
      </span>
      <span role="cell">{sceneLabel(t, f.subscribeScene)}</span>
      <span role="cell">{f.lastSeen ? fmt.relative(f.lastSeen) : '—'}</span>
    </div>
  );
}
