import { describe, expect, it } from 'vitest';
import { axisTicks, clusterMarkers, DAY, fitView, HOUR, lowerBound, MAX_SPAN, MIN_SPAN, visibleRange, zoomView } from '../../../renderer/lib/timeline-layout.js';

const T0 = Date.parse('2026-03-01T00:00:00Z');

describe('visible range', () => {
  const times = Float64Array.from([10, 20, 20, 30, 40]);
  it('finds the first index at or after a time', () => {
    expect(lowerBound(times, 0)).toBe(0);
    expect(lowerBound(times, 20)).toBe(1);
    expect(lowerBound(times, 21)).toBe(3);
    expect(lowerBound(times, 99)).toBe(5);
  });
  it('includes both ends of the view', () => {
    expect(visibleRange(times, { start: 20, end: 30 })).toEqual([1, 4]);
    expect(visibleRange(times, { start: 41, end: 50 })).toEqual([5, 5]);
  });
});

describe('clusterMarkers', () => {
  it('keeps well-separated snapshots apart, each at its own x', () => {
    const times = Float64Array.from([0, 100, 200].map((m) => T0 + m * 60_000));
    const m = clusterMarkers(times, { start: T0, end: T0 + 200 * 60_000 }, 1000, 16);
    expect(m.map((x) => x.count)).toEqual([1, 1, 1]);
    // each at its own time, nudged at most a quarter bin to stay inside it
    m.forEach((x, i) => expect(Math.abs(x.x - i * 500)).toBeLessThanOrEqual(4));
  });

  it('keeps groups where they are while the view pans, and never closer than a bin', () => {
    const times = Float64Array.from({ length: 5000 }, (_, i) => T0 + i * 7 * 60_000 + (i % 5) * 13_000);
    const view = { start: T0 + DAY, end: T0 + 8 * DAY };
    const a = clusterMarkers(times, view, 1000, 30);
    const shift = 0.37 * 30 * ((7 * DAY) / 1000); // a bit over a third of a bin
    const b = clusterMarkers(times, { start: view.start + shift, end: view.end + shift }, 1000, 30);
    const groups = (ms: typeof a) => new Set(ms.slice(1, -1).map((m) => `${m.first}:${m.count}`));
    const common = [...groups(a)].filter((g) => groups(b).has(g));
    expect(common.length).toBeGreaterThan(groups(a).size - 3);
    for (let i = 1; i < a.length; i++) if (a[i]!.count > 1 && a[i - 1]!.count > 1) expect(a[i]!.x - a[i - 1]!.x).toBeGreaterThanOrEqual(30 - 1e-6);
  });

  it('groups snapshots closer than the gap and accounts for every one of them', () => {
    const n = 50_000;
    const times = new Float64Array(n);
    for (let i = 0; i < n; i++) times[i] = T0 + i * 15 * 60_000; // every 15 min for ~1.4 years
    const view = { start: times[0]!, end: times[n - 1]! };
    const m = clusterMarkers(times, view, 1200, 16);
    expect(m.length).toBeLessThanOrEqual(1200 / 16 + 2);
    expect(m.reduce((a, x) => a + x.count, 0)).toBe(n);
    // consecutive groups are contiguous and in time order
    for (let i = 1; i < m.length; i++) expect(m[i]!.first).toBe(m[i - 1]!.first + m[i - 1]!.count);
  });

  it('only walks what is in view', () => {
    const times = Float64Array.from({ length: 1000 }, (_, i) => T0 + i * HOUR);
    const m = clusterMarkers(times, { start: T0 + 10 * HOUR, end: T0 + 12 * HOUR }, 600, 16);
    expect(m.map((x) => x.first)).toEqual([10, 11, 12]);
  });
});

describe('zoom', () => {
  it('keeps the time under the pointer fixed', () => {
    const v = { start: T0, end: T0 + 10 * DAY };
    const z = zoomView(v, 0.5, 0.25);
    const before = v.start + (v.end - v.start) * 0.25;
    const after = z.start + (z.end - z.start) * 0.25;
    expect(after).toBeCloseTo(before, 3);
    expect(z.end - z.start).toBeCloseTo(5 * DAY, 3);
  });
  it('clamps between an hour and the maximum span', () => {
    const v = { start: T0, end: T0 + 2 * HOUR };
    expect(zoomView(v, 0.01, 0.5).end - zoomView(v, 0.01, 0.5).start).toBe(MIN_SPAN);
    expect(zoomView({ start: 0, end: MAX_SPAN }, 10, 0.5).end - zoomView({ start: 0, end: MAX_SPAN }, 10, 0.5).start).toBe(MAX_SPAN);
  });
  it('fits the whole history, and a sane window when there is none', () => {
    const f = fitView(T0, T0 + 30 * DAY, T0);
    expect(f.start).toBeLessThan(T0);
    expect(f.end).toBeGreaterThan(T0 + 30 * DAY);
    const empty = fitView(NaN, NaN, T0);
    expect(empty.end - empty.start).toBeGreaterThan(DAY);
  });
});

describe('axisTicks', () => {
  it('chooses hour ticks for a day and keeps them apart', () => {
    const v = { start: T0, end: T0 + DAY };
    const ticks = axisTicks(v, 1200, 90);
    expect(ticks.length).toBeGreaterThan(4);
    expect(ticks.length).toBeLessThanOrEqual(1200 / 90 + 1);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.t - ticks[i - 1]!.t).toBeGreaterThanOrEqual((DAY / 1200) * 90 - 1);
    expect(ticks.every((t) => t.t >= v.start && t.t <= v.end)).toBe(true);
    expect(ticks.some((t) => /^\d\d:\d\d$/.test(t.label))).toBe(true);
  });
  it('switches to months and years for long spans', () => {
    const months = axisTicks({ start: T0, end: T0 + 365 * DAY }, 1200, 90);
    expect(months.some((t) => /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$/.test(t.label))).toBe(true);
    const years = axisTicks({ start: T0, end: T0 + 20 * 365 * DAY }, 1200, 90);
    expect(years.every((t) => /^\d{4}$/.test(t.label))).toBe(true);
  });
});
