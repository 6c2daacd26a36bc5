import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Snapshot } from '../../../shared/domain.js';
import { formatBytes, formatCount, formatDuration } from '../../../shared/format.js';
import { visibleRange, type TimeView } from '../../lib/timeline-layout.js';
import { formatDateTime } from '../../lib/time.js';
import { indexOfKey, snapKey, typeClass, type Lane } from './lanes.js';
import { useElementSize } from './useElementSize.js';

const ROW_H = 38;
const OVERSCAN = 6;

interface Props {
  all: Lane;
  view: TimeView;
  selectedKey: string | null;
  showLocation: boolean;
  onSelect(s: Snapshot): void;
  /** the lists are still on their way: as tall as a full list, saying so */
  loading?: boolean;
}

const LOADING_ROWS = 20;

/** The snapshots inside the visible time range, newest first. Only the rows on screen exist in the DOM. */
export const SnapshotList = memo(function SnapshotList({ all, view, selectedKey, showLocation, onSelect, loading = false }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const { height } = useElementSize(ref);
  const [scrollTop, setScrollTop] = useState(0);
  const [lo, hi] = visibleRange(all.times, view);
  const count = hi - lo;
  const at = (row: number) => all.snaps[hi - 1 - row]!;

  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / ROW_H) + OVERSCAN);
  const selectedRow = selectedKey ? findRow(all, lo, hi, selectedKey) : -1;

  // Keep the selection in view when it was chosen elsewhere (the chart, the keyboard).
  useEffect(() => {
    const el = ref.current;
    if (!el || selectedRow < 0) return;
    const top = selectedRow * ROW_H;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_H - el.clientHeight;
  }, [selectedRow]);

  const onKey = (e: KeyboardEvent) => {
    if (count === 0) return;
    const move = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : e.key === 'PageDown' ? 10 : e.key === 'PageUp' ? -10 : 0;
    if (!move) return;
    e.preventDefault();
    onSelect(at(Math.min(count - 1, Math.max(0, (selectedRow < 0 ? -1 : selectedRow) + move))));
  };

  const rows = [];
  for (let r = first; r < last; r++) {
    const s = at(r);
    const key = snapKey(s);
    rows.push(
      <div
        key={key}
        id={`snap-row-${r}`}
        role="option"
        aria-selected={key === selectedKey}
        className={key === selectedKey ? 'tl-row selected' : 'tl-row'}
        style={{ transform: `translateY(${r * ROW_H}px)` }}
        onClick={() => onSelect(s)}
        data-testid="snapshot-row"
        data-snapshot-id={s.id}
      >
        <span className={`tl-dot ${typeClass(s.type)}`} aria-hidden="true" />
        <span className="num">{formatDateTime(s.createdAt)}</span>
        <span className="ellipsis">
          {s.type}
          {s.tags.map((t) => (
            <span key={t} className="tag-chip small">
              {t}
            </span>
          ))}
        </span>
        {showLocation && <span className="muted">{s.location}</span>}
        <span className="num muted">{formatCount(s.fileCount)} {s.fileCount === 1 ? "file" : "files"}</span>
        <span className="num">{formatBytes(s.totalBytes)}</span>
        <span className="num muted">{formatDuration(s.durationMs)}</span>
      </div>,
    );
  }

  return (
    <div
      ref={ref}
      className="tl-list"
      role="listbox"
      tabIndex={0}
      aria-label={`${formatCount(count)} snapshots in view, newest first`}
      aria-activedescendant={selectedRow >= first && selectedRow < last ? `snap-row-${selectedRow}` : undefined}
      // as tall as its rows (CSS caps it), so a short history leaves no empty card
      style={{ height: (loading ? LOADING_ROWS : Math.max(count, 3)) * ROW_H + 2 }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKey}
      data-testid="snapshot-list"
      data-count={count}
    >
      <div className="tl-list-spacer" style={{ height: count * ROW_H }}>
        {rows}
      </div>
      {count === 0 && <p className="tl-list-empty muted">{loading ? 'Loading snapshots…' : 'No snapshots in this part of the timeline. Zoom out or press “All”.'}</p>}
    </div>
  );
});

function findRow(all: Lane, lo: number, hi: number, key: string): number {
  const i = indexOfKey(all, key);
  return i >= lo && i < hi ? hi - 1 - i : -1;
}
