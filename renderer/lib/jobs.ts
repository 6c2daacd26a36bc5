import { byCodePoint } from './order.js';
import type { Job, JobState } from '../../shared/domain.js';

const TERMINAL: ReadonlySet<JobState> = new Set(['succeeded', 'failed', 'cancelled']);

export const isTerminal = (state: JobState): boolean => TERMINAL.has(state);

/** Kinds are `engine.verb` (cas.backup, zfs.snapshot …); the foundation's own kinds have no engine. */
export function verbOf(kind: string): string {
  const dot = kind.lastIndexOf('.');
  return dot >= 0 ? kind.slice(dot + 1) : kind;
}

const BACKUP_VERBS = new Set(['backup', 'snapshot', 'sync']);

/** Job kinds that produce a backup (cas backup, disk image backup, zfs snapshot and replication). */
export function isBackupJob(job: Pick<Job, 'kind'>): boolean {
  return BACKUP_VERBS.has(verbOf(job.kind));
}

const KIND_LABELS: Record<string, string> = {
  estimate: 'Estimate',
  backup: 'Backup',
  snapshot: 'Snapshot',
  restore: 'Restore',
  restoreAs: 'Restore',
  rollback: 'Rollback',
  verify: 'Verify',
  gc: 'Garbage collection',
  forget: 'Forget',
  prune: 'Prune',
  sync: 'Replication',
  refresh: 'Refresh',
  destroy: 'Delete snapshots',
  import: 'Import',
  rebuildIndex: 'Rebuild index',
};

export function kindLabel(kind: string): string {
  const verb = verbOf(kind);
  return KIND_LABELS[verb] ?? verb.replace(/[-_]/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

export function jobTitle(job: Pick<Job, 'kind' | 'workloadName'>): string {
  return job.workloadName ? `${kindLabel(job.kind)} · ${job.workloadName}` : kindLabel(job.kind);
}

/** Newest first by creation time; ids break ties so the order is stable while progress streams in. */
export function byNewest(a: Job, b: Job): number {
  return byCodePoint(b.createdAt, a.createdAt) || byCodePoint(b.id, a.id);
}
