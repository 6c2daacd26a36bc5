// Pure geometry of the timeline: which snapshots are visible, how dense ones group, where ticks go.
// Kept free of React and the DOM so it is unit-tested and cheap enough to run on every wheel event.

import { MONTHS, pad2 } from './time.js';

export interface TimeView {
  start: number;
  end: number;
}

export interface Marker {
  /** centre in px from the left edge of the lane */
  x: number;
  /** index of the first snapshot (in the lane's time order) and how many are grouped here */
  first: number;
  count: number;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const MIN_SPAN = HOUR;
export const MAX_SPAN = 50 * 365 * DAY;

/** First index whose time is ≥ t (times ascending). */
export function lowerBound(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** [lo, hi) of the snapshots inside the view. */
export function visibleRange(times: ArrayLike<number>, view: TimeView): [number, number] {
  return [lowerBound(times, view.start), lowerBound(times, view.end + 1)];
}

/**
 * Group snapshots into bins `binPx` wide. Bins are aligned to absolute time, not to the view, so groups
 * stay put while the user pans. Work is O(visible) and the output is at most width / binPx + 1 markers,
 * which is what keeps 50,000 snapshots cheap to draw. A lone snapshot sits at its own time (kept inside
 * its bin so it never touches a neighbouring group); a group sits at its bin's centre.
 */
export function clusterMarkers(times: ArrayLike<number>, view: TimeView, widthPx: number, binPx: number): Marker[] {
  const [lo, hi] = visibleRange(times, view);
  const msPerPx = Math.max(1, view.end - view.start) / Math.max(1, widthPx);
  const binMs = binPx * msPerPx;
  const out: (Marker & { bin: number })[] = [];
  let cur: (Marker & { bin: number }) | null = null;
  for (let i = lo; i < hi; i++) {
    const bin = Math.floor(times[i]! / binMs);
    if (cur && bin === cur.bin) {
      cur.count++;
      continue;
    }
    cur = { x: 0, first: i, count: 1, bin };
    out.push(cur);
  }
  const margin = Math.min(8, binPx / 4);
  return out.map(({ bin, first, count }) => {
    const binX = (bin * binMs - view.start) / msPerPx;
    const x = count === 1 ? Math.min(binX + binPx - margin, Math.max(binX + margin, (times[first]! - view.start) / msPerPx)) : binX + binPx / 2;
    return { x, first, count };
  });
}

/** Zoom by `factor` (< 1 zooms in) keeping the time under `anchor` (0..1 across the view) in place. */
export function zoomView(v: TimeView, factor: number, anchor: number): TimeView {
  const span = v.end - v.start;
  const next = Math.min(MAX_SPAN, Math.max(MIN_SPAN, span * factor));
  const at = v.start + span * anchor;
  return { start: at - next * anchor, end: at - next * anchor + next };
}

export function panView(v: TimeView, deltaMs: number): TimeView {
  return { start: v.start + deltaMs, end: v.end + deltaMs };
}

/** A view that shows every snapshot with a margin; a lone snapshot (or none) gets a one-day window. */
export function fitView(minT: number, maxT: number, now: number): TimeView {
  if (!Number.isFinite(minT) || !Number.isFinite(maxT)) return { start: now - 7 * DAY, end: now + DAY / 4 };
  const span = Math.max(maxT - minT, DAY);
  const pad = span * 0.04;
  return { start: (maxT + minT) / 2 - span / 2 - pad, end: (maxT + minT) / 2 + span / 2 + pad };
}

// ---- axis ticks ----

export interface Tick {
  t: number;
  label: string;
  /** a day/month/year boundary, drawn stronger */
  major: boolean;
}

type Unit = 'minute' | 'hour' | 'day' | 'month' | 'year';
const STEPS: { unit: Unit; n: number; approx: number }[] = [
  { unit: 'minute', n: 5, approx: 5 * 60_000 },
  { unit: 'minute', n: 15, approx: 15 * 60_000 },
  { unit: 'minute', n: 30, approx: 30 * 60_000 },
  { unit: 'hour', n: 1, approx: HOUR },
  { unit: 'hour', n: 3, approx: 3 * HOUR },
  { unit: 'hour', n: 6, approx: 6 * HOUR },
  { unit: 'hour', n: 12, approx: 12 * HOUR },
  { unit: 'day', n: 1, approx: DAY },
  { unit: 'day', n: 2, approx: 2 * DAY },
  { unit: 'day', n: 7, approx: 7 * DAY },
  { unit: 'month', n: 1, approx: 30 * DAY },
  { unit: 'month', n: 3, approx: 91 * DAY },
  { unit: 'month', n: 6, approx: 182 * DAY },
  { unit: 'year', n: 1, approx: 365 * DAY },
  { unit: 'year', n: 2, approx: 730 * DAY },
  { unit: 'year', n: 5, approx: 1826 * DAY },
  { unit: 'year', n: 10, approx: 3652 * DAY },
];

/** Calendar-aligned ticks (local time) at least `minPx` apart. */
export function axisTicks(v: TimeView, widthPx: number, minPx = 90): Tick[] {
  const span = v.end - v.start;
  const minMs = (span / Math.max(1, widthPx)) * minPx;
  const step = STEPS.find((s) => s.approx >= minMs) ?? STEPS[STEPS.length - 1]!;
  const d = new Date(v.start);
  // Align to the step's unit boundary at or before the view start.
  d.setSeconds(0, 0);
  if (step.unit === 'minute') d.setMinutes(Math.floor(d.getMinutes() / step.n) * step.n);
  else d.setMinutes(0);
  if (step.unit === 'hour') d.setHours(Math.floor(d.getHours() / step.n) * step.n);
  else if (step.unit !== 'minute') d.setHours(0);
  if (step.unit === 'day' && step.n === 7) d.setDate(d.getDate() - ((d.getDay() + 6) % 7)); // Mondays
  if (step.unit === 'month' || step.unit === 'year') d.setDate(1);
  if (step.unit === 'month') d.setMonth(Math.floor(d.getMonth() / step.n) * step.n);
  if (step.unit === 'year') {
    d.setMonth(0);
    d.setFullYear(Math.floor(d.getFullYear() / step.n) * step.n);
  }
  const ticks: Tick[] = [];
  for (let guard = 0; guard < 400; guard++) {
    const t = d.getTime();
    if (t > v.end) break;
    if (t >= v.start) ticks.push(tickAt(d, step.unit));
    if (step.unit === 'minute') d.setMinutes(d.getMinutes() + step.n);
    else if (step.unit === 'hour') d.setHours(d.getHours() + step.n);
    else if (step.unit === 'day') d.setDate(d.getDate() + step.n);
    else if (step.unit === 'month') d.setMonth(d.getMonth() + step.n);
    else d.setFullYear(d.getFullYear() + step.n);
  }
  return ticks;
}

function tickAt(d: Date, unit: Unit): Tick {
  const t = d.getTime();
  const midnight = d.getHours() === 0 && d.getMinutes() === 0;
  if (unit === 'year') return { t, label: String(d.getFullYear()), major: true };
  if (unit === 'month') return d.getMonth() === 0 ? { t, label: String(d.getFullYear()), major: true } : { t, label: MONTHS[d.getMonth()]!, major: false };
  if (unit === 'day') return d.getDate() === 1 ? { t, label: `${MONTHS[d.getMonth()]} ${d.getFullYear()}`, major: true } : { t, label: `${MONTHS[d.getMonth()]} ${d.getDate()}`, major: false };
  if (midnight) return { t, label: `${MONTHS[d.getMonth()]} ${d.getDate()}`, major: true };
  return { t, label: `${pad2(d.getHours())}:${pad2(d.getMinutes())}`, major: false };
}
