import type { Job, JobState } from '../../shared/domain.js';

const TERMINAL: ReadonlySet<JobState> = new Set(['succeeded', 'failed', 'cancelled']);

export const isTerminal = (state: JobState): boolean => TERMINAL.has(state);

/** Job kinds that produce a backup (cas backup, disk image backup, zfs snapshot/replication). */
export function isBackupJob(job: Pick<Job, 'kind'>): boolean {
  return /backup|^sync$|replicat|^snapshot$/.test(job.kind);
}

const KIND_LABELS: Record<string, string> = {
  estimate: 'Estimate',
  backup: 'Backup',
  restore: 'Restore',
  verify: 'Verify',
  gc: 'Garbage collection',
  forget: 'Forget',
  prune: 'Prune',
  sync: 'Replication',
  refresh: 'Refresh',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind.replace(/[-_]/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export function jobTitle(job: Pick<Job, 'kind' | 'workloadName'>): string {
  return job.workloadName ? `${kindLabel(job.kind)} · ${job.workloadName}` : kindLabel(job.kind);
}

/** Newest first by creation time; ids break ties so the order is stable while progress streams in. */
export function byNewest(a: Job, b: Job): number {
  return b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
}
