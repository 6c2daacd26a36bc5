import { useMemo } from 'react';
import { Icon } from '../../components/Icon.js';
import { DAY, HOUR, zoomView, type TimeView } from '../../lib/timeline-layout.js';
import { typeClass, type Lane } from './lanes.js';

const PRESETS = [
  { id: 'day', label: 'Day', span: DAY },
  { id: 'week', label: 'Week', span: 7 * DAY },
  { id: 'month', label: 'Month', span: 31 * DAY },
  { id: 'year', label: 'Year', span: 366 * DAY },
];

interface Props {
  view: TimeView;
  setView(v: TimeView): void;
  fit(): TimeView;
  lanes: Lane[];
  now: number;
}

export function TimelineToolbar({ view, setView, fit, lanes, now }: Props) {
  const types = useMemo(() => {
    const present = new Set<string>();
    for (const l of lanes) {
      // flags, not a Set of 50,000 indexes: this runs on the first render of a cold page
      const seen = new Uint8Array(l.typeNames.length);
      for (let i = 0; i < l.typeIndex.length; i++) seen[l.typeIndex[i]!] = 1;
      seen.forEach((on, k) => on && present.add(l.typeNames[k]!));
    }
    return { list: [...present].sort(), tagged: lanes.some((l) => l.tagged) };
  }, [lanes]);
  const newest = Math.max(...lanes.map((l) => l.times[l.times.length - 1] ?? 0));
  // Presets end just after the newest snapshot (or now, when that is close), where the user most often looks.
  const preset = (span: number) => {
    const end = Math.max(newest, Math.min(now, newest + span / 2)) + span * 0.06;
    setView({ start: end - span, end });
  };
  const span = view.end - view.start;
  return (
    <div className="tl-toolbar">
      <div className="segmented" role="group" aria-label="Zoom presets">
        {PRESETS.map((p) => (
          <button key={p.id} aria-pressed={Math.abs(span - p.span) / p.span < 0.05} onClick={() => preset(p.span)} data-testid={`zoom-${p.id}`}>
            {p.label}
          </button>
        ))}
        <button aria-pressed={false} onClick={() => setView(fit())} data-testid="zoom-all">
          All
        </button>
      </div>
      <div className="tl-zoom">
        <button className="btn small icon" aria-label="Zoom in" onClick={() => setView(zoomView(view, 1 / 2, 0.5))} disabled={span <= HOUR} data-testid="zoom-in">
          <Icon name="zoomIn" />
        </button>
        <button className="btn small icon" aria-label="Zoom out" onClick={() => setView(zoomView(view, 2, 0.5))} data-testid="zoom-out">
          <Icon name="zoomOut" />
        </button>
      </div>
      <ul className="tl-legend" aria-label="Legend">
        {types.list.map((t) => (
          <li key={t}>
            <span className={`tl-dot ${typeClass(t)}`} aria-hidden="true" />
            {t}
          </li>
        ))}
        {types.tagged && (
          <li>
            <span className="tl-dot tagged-sample" aria-hidden="true" />
            tagged
          </li>
        )}
      </ul>
    </div>
  );
}
