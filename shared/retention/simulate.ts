import { CodedError } from '../result.js';
import { DAY } from './calendar.js';
import { compilePolicy } from './compile.js';
import { decide } from './decide.js';
import { cutoffsFor, onePassExact, pruneOnce, type Replay, replayStepwise } from './replay.js';
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
  /** most snapshots that existed at once (right after a creation, before its prune); null for very long simulations */
  peak: number | null;
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
/** record visits of the step-by-step replay: it also yields the peak, so it runs when cheap (≲ 50 ms) */
const PEAK_BUDGET = 1_000_000;
/** …and is the only way in zones whose DST change crosses midnight: keep main responsive (~1 s) */
const WORK_BUDGET = 20_000_000;

const AGES: [string, number][] = [
  ['< 1 day', DAY],
  ['< 1 week', 7 * DAY],
  ['< 1 month', 30 * DAY],
  ['< 1 year', 365 * DAY],
  ['older', Infinity],
];

/**
 * Replays the schedule for `days` days, pruning after every creation as the scheduler does,
 * with the same decision loop as explain() (see replay.ts for how long replays stay fast).
 * Pure and deterministic for a given start.
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

  const n = plan.length;
  const keys = allocKeys(n);
  const memo = newMemo();
  for (let i = 0; i < n; i++) stamp(keys, i, plan[i]!.t, zone, memo);
  const width = String(n).length;
  // ids sort in creation order, so explain's (createdAt, id) tie-break matches the schedule's order
  const subjects = plan.map((p, i) => ({ id: `${String(i + 1).padStart(width, '0')}-${p.type}`, type: p.type, tags: p.tags }));

  const cutoffs = cutoffsFor(n, keys, cp, zone);
  let replay: Replay;
  if (onePassExact(n, keys, cutoffs)) {
    // the survivors in one pass; the step-by-step replay adds the peak when it is affordable
    const alive = pruneOnce(n, keys, subjects, cp, cutoffs);
    replay = (n * alive.length <= PEAK_BUDGET ? replayStepwise(n, keys, subjects, cp, cutoffs, PEAK_BUDGET * 2) : null) ?? { alive, peak: null };
  } else {
    const stepwise = replayStepwise(n, keys, subjects, cp, cutoffs, WORK_BUDGET);
    if (!stepwise) throw new CodedError('bad-input', `simulation too large: ${n} snapshots to replay one prune at a time; simulate fewer days or a sparser schedule`);
    replay = stepwise;
  }
  const { alive, peak } = replay;
  const deleted = n - alive.length;

  // reasons as at the last prune (its newest creation anchors keepWithin, even if it was pruned)
  const final = decide(alive, alive.length, keys, subjects, cp, cutoffs && n ? cutoffs[n - 1]! : -Infinity, null, true);
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
    if (peak !== null) result.peakStorageBytes = peak * input.snapshotBytes;
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
