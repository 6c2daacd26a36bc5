import type { Job, Snapshot, Workload } from '../../shared/domain.js';
import { factsOf } from '../store/snapshot-facts.js';
import { isBackupJob, isTerminal } from './jobs.js';

export type Health = 'never' | 'ok' | 'late' | 'failing';

export interface HealthInfo {
  health: Health;
  /** ISO time of the newest complete backup, from snapshots or succeeded backup jobs */
  lastSuccess: string | null;
  /** when the schedule expects the next backup (null without a schedule) */
  nextRun: string | null;
  /** the error of the newest failed backup when it is newer than the last success */
  failure: string | null;
  running: boolean;
}

const MINUTE = 60_000;

/** How long past its due time a scheduled workload may go before it is called late. */
export function graceMs(everyMinutes: number): number {
  return Math.max(everyMinutes * MINUTE * 0.5, 5 * MINUTE);
}

const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/**
 * The health of one workload at `now`. Pure, so the overview, the late-workload toast and the tests agree.
 * `snapshots` and `jobs` may be in any order and may include other workloads' entries (they are filtered).
 */
export function workloadHealth(w: Workload, snapshots: readonly Snapshot[], jobs: readonly Job[], now: number): HealthInfo {
  let lastSnap: string | null = null;
  const facts = factsOf(snapshots);
  if (facts.workloadId === w.id) lastSnap = facts.newestComplete;
  else if (facts.workloadId === null) for (const s of snapshots) if (s.workloadId === w.id && s.complete && (lastSnap === null || s.createdAt > lastSnap)) lastSnap = s.createdAt;

  let lastOkJob: string | null = null;
  let lastFailed: Job | null = null;
  let running = false;
  for (const j of jobs) {
    if (j.workloadId !== w.id || !isBackupJob(j)) continue;
    if (!isTerminal(j.state)) running = true;
    const at = j.finishedAt ?? j.createdAt;
    if (j.state === 'succeeded' && (lastOkJob === null || at > lastOkJob)) lastOkJob = at;
    if (j.state === 'failed' && (lastFailed === null || at > (lastFailed.finishedAt ?? lastFailed.createdAt))) lastFailed = j;
  }
  const lastSuccess = later(lastSnap, lastOkJob);
  const failedAt = lastFailed ? (lastFailed.finishedAt ?? lastFailed.createdAt) : null;
  const failure = lastFailed && failedAt && (lastSuccess === null || failedAt > lastSuccess) ? (lastFailed.error?.message ?? 'the last backup failed') : null;

  let nextRun: string | null = null;
  let late = false;
  if (w.schedule) {
    const every = w.schedule.everyMinutes * MINUTE;
    const base = lastSuccess ? Date.parse(lastSuccess) : Date.parse(w.createdAt);
    const due = base + every;
    nextRun = new Date(Math.max(due, lastSuccess ? due : now)).toISOString();
    late = now > due + graceMs(w.schedule.everyMinutes);
  }

  const health: Health = failure ? 'failing' : late ? 'late' : lastSuccess ? 'ok' : 'never';
  return { health, lastSuccess, nextRun, failure, running };
}

export const HEALTH_LABEL: Record<Health, string> = {
  never: 'Never backed up',
  ok: 'Healthy',
  late: 'Late',
  failing: 'Failing',
};
