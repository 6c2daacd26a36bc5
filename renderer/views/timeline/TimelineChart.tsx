import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import type { Snapshot } from '../../../shared/domain.js';
import { formatBytes } from '../../../shared/format.js';
import { axisTicks, clusterMarkers, MIN_SPAN, type Marker, type TimeView } from '../../lib/timeline-layout.js';
import { formatDateTime } from '../../lib/time.js';
import { snapKey, typeClass, type Lane } from './lanes.js';
import { useElementSize } from './useElementSize.js';
import { useViewGestures } from './useViewGestures.js';

/** wider than a count pill, so groups never overlap */
const GROUP_PX = 34;
/** wider than a dot: when no two snapshots share a bin this narrow, every one is drawn on its own */
const SINGLE_PX = 14;
/** must match .tl-lane height in timeline.css */
const LANE_H = 64;
/** the marker line's y inside a lane (timeline.css: top of .tl-mk) */
const MARK_Y = 38;

const countText = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));

interface Props {
  lanes: Lane[];
  shared: Set<string>;
  view: TimeView;
  now: number;
  selectedKey: string | null;
  onView(v: TimeView): void;
  onSelect(s: Snapshot): void;
  /** the lists are on their way: one empty lane keeps the chart as tall as it will be */
  loading?: boolean;
}

function laneMarkers(lane: Lane, view: TimeView, width: number): Marker[] {
  const fine = clusterMarkers(lane.times, view, width, SINGLE_PX);
  return fine.every((m) => m.count === 1) ? fine : clusterMarkers(lane.times, view, width, GROUP_PX);
}

/** A group takes the colour of its most frequent type, so an hourly series with a few dailies stays hourly. */
function clusterType(lane: Lane, m: Marker): string {
  const counts = new Uint32Array(lane.typeNames.length);
  let best = lane.typeIndex[m.first]!;
  for (let i = m.first; i < m.first + m.count; i++) {
    const t = lane.typeIndex[i]!;
    if (++counts[t]! > counts[best]!) best = t;
  }
  return typeClass(lane.typeNames[best]!);
}

function LaneRow({ lane, markers, shared, selectedKey, onSelect, onZoomTo }: { lane: Lane; markers: Marker[]; shared: Set<string>; selectedKey: string | null; onSelect(s: Snapshot): void; onZoomTo(m: Marker): void }) {
  // Denser groups are drawn stronger: the lane reads as a density strip when zoomed out.
  let max = 1;
  for (const m of markers) if (m.count > max) max = m.count;
  const logMax = Math.log(max + 1);
  return (
    <div className="tl-lane" role="group" aria-label={`${lane.location} snapshots`} data-testid={`lane-${lane.location}`}>
      <span className="tl-lane-label">{lane.location}</span>
      {markers.map((m) => {
        if (m.count === 1) {
          const s = lane.snaps[m.first]!;
          const key = snapKey(s);
          const guid = s.meta.guid === undefined ? null : String(s.meta.guid);
          const cls = `tl-mk ${typeClass(s.type)}${s.tags.length ? ' tagged' : ''}${key === selectedKey ? ' selected' : ''}${s.complete ? '' : ' partial'}${guid && shared.has(guid) ? ' shared' : ''}`;
          return (
            <button
              key={key}
              className={cls}
              style={{ transform: `translateX(${m.x.toFixed(1)}px)` }}
              aria-label={`${s.type} snapshot ${formatDateTime(s.createdAt)}${s.tags.length ? `, tags ${s.tags.join(' ')}` : ''}`}
              title={`${formatDateTime(s.createdAt)} · ${s.type} · ${formatBytes(s.totalBytes)}${s.tags.length ? ` · ${s.tags.join(', ')}` : ''}`}
              onClick={() => onSelect(s)}
              data-testid="timeline-marker"
            />
          );
        }
        const a = lane.snaps[m.first]!;
        const b = lane.snaps[m.first + m.count - 1]!;
        return (
          <button
            key={`c${m.first}`}
            className={`tl-cluster ${clusterType(lane, m)}`}
            style={{ transform: `translateX(${m.x.toFixed(1)}px)`, ['--d' as string]: `${Math.round(15 + 45 * (Math.log(m.count + 1) / logMax))}%` }}
            aria-label={`${m.count} snapshots from ${formatDateTime(a.createdAt)} to ${formatDateTime(b.createdAt)}; zoom in`}
            title={`${m.count} snapshots · ${formatDateTime(a.createdAt)} – ${formatDateTime(b.createdAt)}`}
            onClick={() => onZoomTo(m)}
            data-testid="timeline-cluster"
          >
            {countText(m.count)}
          </button>
        );
      })}
    </div>
  );
}

/** The zoomable time axis: lanes of markers, dense stretches grouped, never more DOM than the width allows. */
export const TimelineChart = memo(function TimelineChart({ lanes, shared, view, now, selectedKey, onView, onSelect, loading = false }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(ref);
  useViewGestures(ref, view, onView, width);

  const markers = useMemo(() => (width > 0 ? lanes.map((l) => laneMarkers(l, view, width)) : []), [lanes, view, width]);
  const ticks = useMemo(() => (width > 0 ? axisTicks(view, width) : []), [view, width]);
  const scale = width / Math.max(1, view.end - view.start);
  const links = useMemo(() => {
    if (lanes.length < 2 || shared.size === 0) return [] as number[];
    const xs: number[] = [];
    const first = lanes[0]!;
    for (const m of markers[0] ?? []) {
      for (let i = m.first; i < m.first + m.count; i++) {
        const g = first.snaps[i]!.meta.guid;
        if (g !== undefined && shared.has(String(g))) {
          xs.push(m.x);
          break;
        }
      }
    }
    return xs;
  }, [lanes, markers, shared]);

  // The performance budget (first render < 300 ms for 50,000 snapshots) is measured from this mark.
  const marked = useRef<Lane[] | null>(null);
  useLayoutEffect(() => {
    if (width > 0 && lanes.length > 0 && marked.current !== lanes) {
      marked.current = lanes;
      performance.mark('tidemark:timeline-rendered');
    }
  }, [lanes, width]);

  const zoomTo = (lane: Lane, m: Marker) => {
    const a = lane.times[m.first]!;
    const b = lane.times[m.first + m.count - 1]!;
    const span = Math.max(MIN_SPAN, (b - a) * 1.3);
    onView({ start: (a + b) / 2 - span / 2, end: (a + b) / 2 + span / 2 });
  };

  const nowX = (now - view.start) * scale;
  return (
    <div
      ref={ref}
      className="tl-chart"
      tabIndex={0}
      role="region"
      aria-roledescription="timeline"
      aria-label="Snapshot timeline. Arrow keys pan, plus and minus zoom, the mouse wheel zooms, drag to pan."
      data-testid="timeline-chart"
      data-view-start={Math.round(view.start)}
      data-view-end={Math.round(view.end)}
    >
      <div className="tl-axis" aria-hidden="true">
        {ticks.map((t) => (
          <div key={t.t} className={t.major ? 'tl-tick major' : 'tl-tick'} style={{ transform: `translateX(${((t.t - view.start) * scale).toFixed(1)}px)` }}>
            <span>{t.label}</span>
          </div>
        ))}
        {nowX >= 0 && nowX <= width && <div className="tl-now" style={{ transform: `translateX(${nowX.toFixed(1)}px)` }} title="now" />}
      </div>
      <div className="tl-lanes">
        {links.length > 0 && (
          <svg className="tl-links" width={width} height={lanes.length * LANE_H} aria-hidden="true">
            {links.map((x, i) => (
              <line key={i} x1={x} x2={x} y1={MARK_Y} y2={(lanes.length - 1) * LANE_H + MARK_Y} />
            ))}
          </svg>
        )}
        {lanes.map((l, i) => (
          <LaneRow key={l.location} lane={l} markers={markers[i] ?? []} shared={shared} selectedKey={selectedKey} onSelect={onSelect} onZoomTo={(m) => zoomTo(l, m)} />
        ))}
        {loading && lanes.length === 0 && <div className="tl-lane" aria-hidden="true" />}
      </div>
    </div>
  );
});
