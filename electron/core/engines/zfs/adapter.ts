// The zfs engine seen from main: cheap checks now, the work (and every SSH connection) in a worker.
import type { Snapshot, Workload, ZfsConfig } from '../../../../shared/domain.js';
import { CodedError } from '../../../../shared/result.js';
import type { EngineAdapter, EngineEnv, JobRequest, Protection } from '../types.js';
import { LocalExecutor } from './exec/local.js';
import type { ZfsDestroyInput, ZfsSnapshotInput } from './jobs.js';
import { ZFS_JOBS } from './kinds.js';
import { explainPerDataset } from './prune.js';
import type { ZfsRestoreInput } from './restore.js';
import type { ZfsSyncInput, ZfsWorkloadInput } from './sync.js';
import { zfsRun } from './zfs-host.js';

export type ZfsWorkload = Extract<Workload, { engine: 'zfs' }>;

const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';

export function workloadInput(w: ZfsWorkload, env: EngineEnv, acceptHostKey?: string): ZfsWorkloadInput {
  return { workloadId: w.id, workloadName: w.name, config: w.config, policy: w.policy, dataDir: env.dataDir, timeZone: timeZone(), ...(acceptHostKey ? { acceptHostKey } : {}) };
}

const lockKeys = (w: ZfsWorkload) => [`zfs:${w.config.dataset}`, ...(w.config.remote ? [`zfs:${w.config.remote.host}:${w.config.remote.port}:${w.config.remote.dataset}`] : [])];

export function snapOf(s: Snapshot) {
  const { dataset, name, guid } = s.meta as { dataset?: unknown; name?: unknown; guid?: unknown };
  if (s.engine !== 'zfs' || typeof dataset !== 'string' || typeof name !== 'string' || typeof guid !== 'string') throw new CodedError('bad-input', `${s.id} is not a zfs snapshot`);
  return { id: s.id, location: s.location, dataset, name, guid };
}

export function syncRequest(w: ZfsWorkload, env: EngineEnv, o: { dryRun: boolean; consent?: string; acceptHostKey?: string }): JobRequest {
  if (!w.config.remote) throw new CodedError('bad-input', `${w.name} has no remote: add one with --remote ssh://USER@HOST/POOL/DS`);
  const input: ZfsSyncInput = { ...workloadInput(w, env, o.acceptHostKey), dryRun: o.dryRun, ...(o.consent ? { consent: o.consent } : {}) };
  return { kind: ZFS_JOBS.sync, input, lockKeys: lockKeys(w), title: `${o.dryRun ? 'dry-run ' : ''}sync of ${w.name}` };
}

export const zfsAdapter: EngineAdapter<ZfsWorkload> = {
  async prepareConfig(config: ZfsConfig) {
    // the local dataset must exist now; the remote is reached (and its key pinned) on first sync or testConnection
    const local = { exec: new LocalExecutor(30_000), zfsPath: config.localZfsPath ?? 'zfs' };
    await zfsRun(local, ['get', '-Hp', '-o', 'value', 'guid', config.dataset]).catch((e: unknown) => {
      if (e instanceof CodedError && e.code === 'not-found') throw new CodedError('not-found', `the dataset ${config.dataset} does not exist on this machine`);
      throw e;
    });
    return config;
  },

  lockKeys,

  async backup(w, opts, env): Promise<JobRequest> {
    const input: ZfsSnapshotInput = { ...workloadInput(w, env), type: opts.type };
    return { kind: ZFS_JOBS.snapshot, input, lockKeys: [`zfs:${w.config.dataset}`], title: `${opts.type} snapshot of ${w.name}` };
  },

  async restore(w, snapshot, opts, env): Promise<JobRequest> {
    if (opts.include.length) throw new CodedError('bad-input', 'a zfs snapshot is restored whole, as a new dataset: --include does not apply');
    const input: ZfsRestoreInput = { ...workloadInput(w, env), snapshot: snapOf(snapshot), target: opts.target };
    return { kind: ZFS_JOBS.restore, input, lockKeys: lockKeys(w), title: `restore of ${w.name} to ${opts.target}` };
  },

  async verify(w, _opts, env): Promise<JobRequest> {
    // ZFS checksums every block itself; verify re-lists both sides so the catalog matches the pools
    return this.refresh(w, env);
  },

  async forget(w, snapshots, env): Promise<JobRequest> {
    const input: ZfsDestroyInput = { ...workloadInput(w, env), snapshots: snapshots.map(snapOf) };
    return { kind: ZFS_JOBS.destroy, input, lockKeys: lockKeys(w), title: `destroy ${snapshots.length} snapshot(s) of ${w.name}` };
  },

  async refresh(w, env): Promise<JobRequest> {
    return { kind: ZFS_JOBS.refresh, input: workloadInput(w, env), lockKeys: lockKeys(w), title: `list snapshots of ${w.name}` };
  },

  protections(w, snapshots): Protection[] {
    return catalogProtections(snapshots);
  },

  explainPrune: (_w, snapshots, retention, policy, options) => explainPerDataset(snapshots, retention, policy, options),
  snapshotLabel: (s) => {
    const m = s.meta as { dataset?: unknown; name?: unknown };
    return typeof m.dataset === 'string' && typeof m.name === 'string' ? `${m.dataset}@${m.name}` : undefined;
  },
};

/** The planner's protections, from catalog records: oldest per dataset and side, earliest/latest shared by guid, held. */
export function catalogProtections(snapshots: Snapshot[]): Protection[] {
  const out: Protection[] = [];
  const groups = new Map<string, Snapshot[]>();
  for (const s of snapshots) {
    const rel = String((s.meta as { rel?: unknown }).rel ?? '');
    const key = `${s.location}\0${rel}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(s);
    if ((s.meta as { held?: unknown }).held === true) out.push({ id: s.id, reason: 'held' });
  }
  const order = (a: Snapshot, b: Snapshot) => Number((a.meta as { createtxg?: number }).createtxg ?? 0) - Number((b.meta as { createtxg?: number }).createtxg ?? 0);
  for (const [key, list] of groups) {
    list.sort(order);
    const [location, rel] = key.split('\0') as [string, string];
    if (list[0]) out.push({ id: list[0].id, reason: `oldest snapshot on ${location}` });
    const other = new Set((groups.get(`${location === 'local' ? 'remote' : 'local'}\0${rel}`) ?? []).map((s) => String(s.meta.guid)));
    const shared = list.filter((s) => other.has(String(s.meta.guid)));
    if (shared[0]) out.push({ id: shared[0].id, reason: 'earliest shared snapshot' });
    const last = shared[shared.length - 1];
    if (last) out.push({ id: last.id, reason: 'latest shared snapshot' });
  }
  return out;
}
