import { CodedError } from '../result.js';
import { DAY } from './calendar.js';
import { compilePolicy, withinCutoff } from './compile.js';
import { decide } from './decide.js';
import { allocKeys, newMemo, parseInstant, stamp } from './prepare.js';
import { plannedSnapshots, type ScheduleSpec, scheduleSpecSchema } from './schedule.js';
import { isValidTimeZone, zoneFor } from './zone.js';

export interface SimulateInput {
  policy: unknown;
  schedule: ScheduleSpec;
  days: number;
  /** ISO time or epoch ms; default: today's local midnight in `timeZone` */
  start?: string | number;
  timeZone?: string;
  /** average bytes one snapshot costs, for the storage estimate */
  snapshotBytes?: number;
}

export interface SimulatedSnapshot {
  id: string;
  createdAt: string;
  type: string;
  reasons: string[];
}

export interface SimulationResult {
  timeZone: string;
  start: string;
  end: string;
  days: number;
  /** snapshots the schedule created, and how many pruning removed along the way */
  created: number;
  deleted: number;
  /** most snapshots that existed at once (right after a creation, before its prune) */
  peak: number;
  /** the steady state at the end */
  total: number;
  byType: Record<string, number>;
  byAge: { label: string; count: number }[];
  oldest: { id: string; createdAt: string; type: string; ageDays: number } | null;
  storageBytes?: number;
  peakStorageBytes?: number;
  /** newest first, with the reasons each is still kept */
  snapshots: SimulatedSnapshot[];
}

export const MAX_SIMULATED_SNAPSHOTS = 200_000;
/** record visits across all prune steps: keeps the main process responsive (~1 s worst case) */
const WORK_BUDGET = 30_000_000;

const AGES: [string, number][] = [
  ['< 1 day', DAY],
  ['< 1 week', 7 * DAY],
  ['< 1 month', 30 * DAY],
  ['< 1 year', 365 * DAY],
  ['older', Infinity],
];

/**
 * Replays the schedule for `days` days and prunes after every creation, as the scheduler
 * does, with the same decision loop as explain(). Pure and deterministic for a given start.
 */
export function simulate(input: SimulateInput): SimulationResult {
  const timeZone = input.timeZone ?? 'UTC';
  if (!isValidTimeZone(timeZone)) throw new CodedError('bad-input', `unknown time zone "${timeZone.slice(0, 64)}" (use an IANA name like Europe/Berlin or UTC)`);
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > 3660) throw new CodedError('bad-input', 'days must be a whole number from 1 to 3660');
  const cp = compilePolicy(input.policy);
  const zone = zoneFor(timeZone);
  const start = startOf(input.start, zone);
  // N calendar days in the zone: 90 days from 1 January end on 1 April at the same wall time
  const end = zone.fromLocal(start + zone.offsetAt(start) + input.days * DAY);

  const schedule = scheduleSpecSchema.safeParse(input.schedule);
  if (!schedule.success) throw new CodedError('bad-input', `invalid schedule: ${schedule.error.issues[0]!.message}`);
  const plan = plannedSnapshots(schedule.data, zone, start, end, MAX_SIMULATED_SNAPSHOTS);
  if (plan.length > MAX_SIMULATED_SNAPSHOTS) {
    throw new CodedError('bad-input', `this schedule creates more than ${MAX_SIMULATED_SNAPSHOTS.toLocaleString('en-US')} snapshots in ${input.days} days: simulate fewer days`);
  }

  const keys = allocKeys(plan.length);
  const width = String(plan.length).length;
  // ids sort in creation order, so explain's (createdAt, id) tie-break matches the schedule's order
  const subjects = plan.map((p, i) => ({ id: `${String(i + 1).padStart(width, '0')}-${p.type}`, type: p.type, tags: p.tags }));
  const memo = newMemo();
  let alive: number[] = []; // indices into plan, newest first
  let deleted = 0;
  let peak = 0;
  let work = 0;
  for (let i = 0; i < plan.length; i++) {
    const t = plan[i]!.t;
    stamp(keys, i, t, zone, memo);
    alive.unshift(i);
    peak = Math.max(peak, alive.length);
    const cutoff = cp.within ? withinCutoff(zone, t, cp.within.d) : -Infinity;
    const { keep } = decide(alive, alive.length, keys, subjects, cp, cutoff, null, false);
    if (keep.includes(0)) {
      const next = alive.filter((_, j) => keep[j] === 1);
      deleted += alive.length - next.length;
      alive = next;
    }
    work += alive.length;
    if (work > WORK_BUDGET) {
      throw new CodedError('bad-input', `simulation too large: this policy keeps about ${alive.length} snapshots at once; simulate fewer days or a sparser schedule`);
    }
  }

  const finalCutoff = cp.within && alive.length ? withinCutoff(zone, keys.t[alive[0]!]!, cp.within.d) : -Infinity;
  const final = decide(alive, alive.length, keys, subjects, cp, finalCutoff, null, true);
  const snapshots = alive.map((x, j) => ({ id: subjects[x]!.id, createdAt: new Date(keys.t[x]!).toISOString(), type: subjects[x]!.type, reasons: final.reasons![j] ?? [] }));
  const byType: Record<string, number> = {};
  for (const x of alive) byType[subjects[x]!.type] = (byType[subjects[x]!.type] ?? 0) + 1;
  const byAge = AGES.map(([label]) => ({ label, count: 0 }));
  for (const x of alive) byAge[AGES.findIndex(([, max]) => end - keys.t[x]! < max)]!.count++;
  const oldestIndex = alive[alive.length - 1];

  const result: SimulationResult = {
    timeZone,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    days: input.days,
    created: plan.length,
    deleted,
    peak,
    total: alive.length,
    byType,
    byAge,
    oldest:
      oldestIndex === undefined
        ? null
        : { id: subjects[oldestIndex]!.id, createdAt: new Date(keys.t[oldestIndex]!).toISOString(), type: subjects[oldestIndex]!.type, ageDays: Math.round(((end - keys.t[oldestIndex]!) / DAY) * 10) / 10 },
    snapshots,
  };
  if (input.snapshotBytes !== undefined) {
    result.storageBytes = alive.length * input.snapshotBytes;
    result.peakStorageBytes = peak * input.snapshotBytes;
  }
  return result;
}

function startOf(start: SimulateInput['start'], zone: ReturnType<typeof zoneFor>): number {
  if (typeof start === 'number') return start;
  if (typeof start === 'string') return parseInstant(start, 'start');
  const now = Date.now();
  const today = Math.floor((now + zone.offsetAt(now)) / DAY);
  return zone.fromLocal(today * DAY);
}
