import { describe, expect, it } from 'vitest';
import type { Job, Snapshot, Workload } from '../../../shared/domain.js';
import { graceMs, workloadHealth } from '../../../renderer/lib/health.js';

const T0 = Date.parse('2026-01-10T12:00:00Z');
const MIN = 60_000;
const iso = (t: number) => new Date(t).toISOString();

const wl = (over: Partial<Workload> = {}): Workload =>
  ({ id: 'w1', name: 'docs', engine: 'cas', config: { source: '/src' }, policy: {}, schedule: null, createdAt: iso(T0 - 30 * 24 * 60 * MIN), updatedAt: iso(T0), ...over }) as Workload;

const snap = (at: number, over: Partial<Snapshot> = {}): Snapshot => ({
  id: `s${at}`,
  workload: 'docs',
  workloadId: 'w1',
  engine: 'cas',
  type: 'manual',
  tags: [],
  notes: '',
  createdAt: iso(at),
  complete: true,
  fileCount: 1,
  totalBytes: 1,
  storedBytes: 1,
  newChunks: 0,
  dedupChunks: 0,
  durationMs: 1,
  pinned: false,
  location: 'local',
  meta: {},
  ...over,
});

const job = (state: Job['state'], at: number, over: Partial<Job> = {}): Job => ({
  id: `j${at}`,
  kind: 'backup',
  workloadId: 'w1',
  workloadName: 'docs',
  state,
  waitingFor: null,
  progress: null,
  result: null,
  error: state === 'failed' ? { code: 'io', message: 'ENOSPC: no space left on device' } : null,
  createdAt: iso(at),
  startedAt: iso(at),
  finishedAt: state === 'running' || state === 'queued' ? null : iso(at + MIN),
  ...over,
});

describe('workloadHealth', () => {
  it('calls a workload without backups "never"', () => {
    const h = workloadHealth(wl(), [], [], T0);
    expect(h).toMatchObject({ health: 'never', lastSuccess: null, nextRun: null, failure: null, running: false });
  });

  it('is ok after a complete snapshot, and ignores incomplete ones and other workloads', () => {
    const h = workloadHealth(wl(), [snap(T0 - 60 * MIN), snap(T0 - MIN, { complete: false }), snap(T0, { workloadId: 'other' })], [], T0);
    expect(h.health).toBe('ok');
    expect(h.lastSuccess).toBe(iso(T0 - 60 * MIN));
  });

  it('is failing when the newest backup job failed after the last success, with its message', () => {
    const h = workloadHealth(wl(), [snap(T0 - 120 * MIN)], [job('failed', T0 - 10 * MIN)], T0);
    expect(h.health).toBe('failing');
    expect(h.failure).toContain('ENOSPC');
  });

  it('recovers from failing once a later backup succeeds', () => {
    const h = workloadHealth(wl(), [snap(T0 - 5 * MIN)], [job('failed', T0 - 10 * MIN)], T0);
    expect(h.health).toBe('ok');
    expect(h.failure).toBeNull();
  });

  it('does not count non-backup jobs (a failed estimate) as failing', () => {
    const h = workloadHealth(wl(), [snap(T0 - 5 * MIN)], [job('failed', T0 - MIN, { kind: 'estimate' })], T0);
    expect(h.health).toBe('ok');
  });

  it('flags a scheduled workload late only after its grace period', () => {
    const w = wl({ schedule: { everyMinutes: 60, type: 'scheduled' } });
    const last = T0 - 60 * MIN;
    expect(workloadHealth(w, [snap(last)], [], T0 + graceMs(60) - 1).health).toBe('ok');
    expect(workloadHealth(w, [snap(last)], [], T0 + graceMs(60) + 1).health).toBe('late');
    expect(workloadHealth(w, [snap(last)], [], T0).nextRun).toBe(iso(T0));
  });

  it('counts a scheduled workload that never ran as late once its first run is overdue', () => {
    const w = wl({ schedule: { everyMinutes: 60, type: 'scheduled' }, createdAt: iso(T0 - 3 * 60 * MIN) });
    expect(workloadHealth(w, [], [], T0).health).toBe('late');
  });

  it('reports a running backup and uses succeeded jobs as a success time', () => {
    const h = workloadHealth(wl(), [], [job('succeeded', T0 - 30 * MIN), job('running', T0 - MIN)], T0);
    expect(h.running).toBe(true);
    expect(h.health).toBe('ok');
    expect(h.lastSuccess).toBe(iso(T0 - 29 * MIN));
  });
});

describe('job kinds', () => {
  it('recognises every engine’s backup kinds and labels them', async () => {
    const { isBackupJob, kindLabel } = await import('../../../renderer/lib/jobs.js');
    for (const kind of ['cas.backup', 'disk.backup', 'zfs.snapshot', 'zfs.sync']) expect(isBackupJob({ kind })).toBe(true);
    for (const kind of ['estimate', 'cas.restore', 'cas.verify', 'disk.import', 'zfs.destroy']) expect(isBackupJob({ kind })).toBe(false);
    expect(kindLabel('cas.backup')).toBe('Backup');
    expect(kindLabel('zfs.sync')).toBe('Replication');
    expect(kindLabel('cas.rebuildIndex')).toBe('Rebuild index');
    expect(kindLabel('disk.someNewThing')).toBe('Some New Thing');
  });
});
