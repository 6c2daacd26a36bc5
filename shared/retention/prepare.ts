import { CodedError } from '../result.js';
import { civilFromDays, DAY, HOUR, isoWeekKey } from './calendar.js';
import { readIsoInstant } from './instant.js';
import type { RetentionSnapshot } from './types.js';
import type { Zone } from './zone.js';

/**
 * Calendar bucket keys of every snapshot in the policy's zone, computed once, as parallel
 * typed arrays indexed like the caller's snapshot array (no object per snapshot: 100,000
 * snapshots must explain in well under 200 ms).
 */
export interface Keys {
  t: Float64Array;
  /** local day number × 24 + local hour: the repeated hour of an autumn DST change is one bucket (as in restic) */
  hour: Int32Array;
  /** local day number */
  day: Int32Array;
  /** ISO year × 100 + ISO week */
  week: Int32Array;
  /** year × 12 + month − 1 */
  month: Int32Array;
  year: Int32Array;
}
export type KeyField = Exclude<keyof Keys, 't'>;

export function allocKeys(n: number): Keys {
  return { t: new Float64Array(n), hour: new Int32Array(n), day: new Int32Array(n), week: new Int32Array(n), month: new Int32Array(n), year: new Int32Array(n) };
}

/** Neighbours usually share a day: the last day's keys are reused. */
interface DayMemo {
  day: number;
  week: number;
  month: number;
  year: number;
}
export const newMemo = (): DayMemo => ({ day: NaN, week: 0, month: 0, year: 0 });

export function stamp(keys: Keys, i: number, t: number, zone: Zone, memo: DayMemo): void {
  const wall = t + zone.offsetAt(t);
  const day = Math.floor(wall / DAY);
  if (day !== memo.day) {
    const [y, m] = civilFromDays(day);
    memo.day = day;
    memo.week = isoWeekKey(day);
    memo.month = y * 12 + m - 1;
    memo.year = y;
  }
  keys.t[i] = t;
  keys.day[i] = day;
  keys.hour[i] = day * 24 + Math.floor((wall - day * DAY) / HOUR);
  keys.week[i] = memo.week;
  keys.month[i] = memo.month;
  keys.year[i] = memo.year;
}

export function parseInstant(text: string, what: string): number {
  const t = readIsoInstant(text);
  if (Number.isNaN(t)) {
    throw new CodedError('bad-input', `${what}: "${text.slice(0, 60)}" is not an ISO 8601 time with a zone, e.g. 2026-11-20T13:00:00Z`);
  }
  return t;
}

export interface Prepared {
  keys: Keys;
  /** indices into the snapshot array, newest first: later createdAt, then the greater id */
  order: number[];
}

/** Validates (unique ids, parseable times), computes keys, and orders newest first. Unsorted input is fine. */
export function prepareAll(zone: Zone, snapshots: readonly RetentionSnapshot[]): Prepared {
  const n = snapshots.length;
  const keys = allocKeys(n);
  const seen = new Set<string>();
  const memo = newMemo();
  for (let i = 0; i < n; i++) {
    const s = snapshots[i]!;
    const before = seen.size;
    seen.add(s.id); // one hash lookup instead of has + add
    if (seen.size === before) throw new CodedError('bad-input', `duplicate snapshot id "${s.id.slice(0, 128)}": every snapshot id must be unique`);
    let t = readIsoInstant(s.createdAt);
    if (Number.isNaN(t)) t = parseInstant(String(s.createdAt), `snapshot ${s.id.slice(0, 128)}`);
    stamp(keys, i, t, zone, memo);
  }
  return { keys, order: newestFirst(keys.t, snapshots) };
}

function newestFirst(t: Float64Array, snapshots: readonly { id: string }[]): number[] {
  const n = t.length;
  const byAge = (a: number, b: number) => t[b]! - t[a]! || (snapshots[a]!.id < snapshots[b]!.id ? 1 : snapshots[a]!.id > snapshots[b]!.id ? -1 : 0);
  // Catalogs list by createdAt but in no particular order within one second (the hourly and
  // daily crons both at 00:00): when times are already monotonic only tie groups get sorted.
  let ascending = true;
  let descending = true;
  for (let i = 1; i < n && (ascending || descending); i++) {
    const d = t[i]! - t[i - 1]!;
    if (d < 0) ascending = false;
    if (d > 0) descending = false;
  }
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = ascending ? n - 1 - i : i;
  if (!ascending && !descending) return order.sort(byAge);
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && t[order[j]!] === t[order[i]!]) j++;
    if (j - i > 1) {
      const group = order.slice(i, j).sort(byAge);
      for (let k = i; k < j; k++) order[k] = group[k - i]!;
    }
    i = j;
  }
  return order;
}
