import { CodedError } from '../result.js';
import { civilFromDays, DAY, HOUR, isoWeekKey } from './calendar.js';
import { readIsoInstant } from './instant.js';
import type { RetentionSnapshot } from './types.js';
import type { Zone } from './zone.js';

/** A snapshot with its calendar bucket keys in the policy's zone, computed once. */
export interface Prepared {
  /** index in the caller's array */
  src: number;
  id: string;
  t: number;
  /** local day number × 24 + local hour: the repeated hour of an autumn DST change is one bucket (as in restic) */
  hour: number;
  /** local day number */
  day: number;
  /** ISO year × 100 + ISO week */
  week: number;
  /** year × 12 + month − 1 */
  month: number;
  year: number;
  type: string | undefined;
  tags: string[] | undefined;
  pinned: boolean;
}

export function parseInstant(text: string, what: string): number {
  const t = readIsoInstant(text);
  if (Number.isNaN(t)) {
    throw new CodedError('bad-input', `${what}: "${text.slice(0, 60)}" is not an ISO 8601 time with a zone, e.g. 2026-11-20T13:00:00Z`);
  }
  return t;
}

/** Builds a record; `memo` carries the last day's keys because neighbours usually share a day. */
export function prepareOne(zone: Zone, s: RetentionSnapshot, src: number, t: number, memo: DayMemo): Prepared {
  const wall = t + zone.offsetAt(t);
  const day = Math.floor(wall / DAY);
  if (day !== memo.day) {
    const [y, m] = civilFromDays(day);
    memo.day = day;
    memo.week = isoWeekKey(day);
    memo.month = y * 12 + m - 1;
    memo.year = y;
  }
  return {
    src,
    id: s.id,
    t,
    hour: day * 24 + Math.floor((wall - day * DAY) / HOUR),
    day,
    week: memo.week,
    month: memo.month,
    year: memo.year,
    type: s.type,
    tags: s.tags,
    pinned: s.pinned === true,
  };
}

export interface DayMemo {
  day: number;
  week: number;
  month: number;
  year: number;
}
export const newMemo = (): DayMemo => ({ day: NaN, week: 0, month: 0, year: 0 });

/** Newer first: later createdAt, and for the same instant the greater id counts as newer. */
export function newerFirst(a: Prepared, b: Prepared): number {
  return b.t - a.t || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * Validates (unique ids, parseable times) and returns the records newest first.
 * Unsorted input is accepted; the common already-sorted cases skip the sort.
 */
export function prepareAll(zone: Zone, snapshots: readonly RetentionSnapshot[]): Prepared[] {
  const seen = new Set<string>();
  const memo = newMemo();
  const out: Prepared[] = new Array(snapshots.length);
  for (let i = 0; i < snapshots.length; i++) {
    const s = snapshots[i]!;
    if (seen.has(s.id)) throw new CodedError('bad-input', `duplicate snapshot id "${s.id.slice(0, 128)}": every snapshot id must be unique`);
    seen.add(s.id);
    let t = readIsoInstant(s.createdAt);
    if (Number.isNaN(t)) t = parseInstant(String(s.createdAt), `snapshot ${s.id.slice(0, 128)}`);
    out[i] = prepareOne(zone, s, i, t, memo);
  }
  let newestFirst = true;
  let oldestFirst = true;
  for (let i = 1; i < out.length && (newestFirst || oldestFirst); i++) {
    const c = newerFirst(out[i - 1]!, out[i]!);
    if (c > 0) newestFirst = false;
    if (c < 0) oldestFirst = false;
  }
  if (newestFirst) return out;
  if (oldestFirst) return out.reverse();
  return out.sort(newerFirst);
}
