// The disk engine seen from main: cheap checks now (so the user hears at once), the heavy work as jobs.
import type { DiskConfig, Snapshot, Workload } from '../../../../shared/domain.js';
import { CodedError } from '../../../../shared/result.js';
import type { EngineAdapter, EngineEnv, JobRequest } from '../types.js';
import type { DiskBackupInput } from './backup.js';
import { checkSource, checkTarget } from './checks.js';
import type { DiskForgetInput, DiskRefreshInput } from './forget.js';
import type { DiskImportInput } from './import.js';
import { DISK_JOBS } from './kinds.js';
import type { DiskRestoreInput } from './restore.js';
import { defaultRepo, imagePath, isImageId, readHeader } from './store.js';
import type { DiskVerifyInput } from './verify.js';

export type DiskWorkload = Extract<Workload, { engine: 'disk' }>;

export const repoOf = (w: Pick<DiskWorkload, 'name' | 'config'>, env: EngineEnv) => w.config.repo ?? defaultRepo(env.dataDir, w.name);

function imageOf(w: DiskWorkload, s: Pick<Snapshot, 'id'>, env: EngineEnv): string {
  if (!isImageId(s.id)) throw new CodedError('bad-input', `${s.id} is not a disk image snapshot`);
  return imagePath(repoOf(w, env), s.id);
}

export const diskAdapter: EngineAdapter<DiskWorkload> = {
  async prepareConfig(config: DiskConfig, name, env) {
    // confirm: a mounted image may still be added; the backup asks when it runs
    await checkSource(config.image, true);
    return { ...config, repo: config.repo ?? defaultRepo(env.dataDir, name) };
  },

  // prepareConfig always sets repo; the fallback only keeps two workloads without one apart
  lockKeys: (w) => [w.config.repo ?? `disk-workload:${w.name}`],

  async backup(w, opts, env): Promise<JobRequest> {
    await checkSource(w.config.image, opts.confirm);
    const input: DiskBackupInput = { workloadId: w.id, workloadName: w.name, image: w.config.image, repo: repoOf(w, env), ...opts };
    return { kind: DISK_JOBS.backup, input, lockKeys: [repoOf(w, env)], title: `image backup of ${w.name}` };
  },

  async restore(w, snapshot, opts, env): Promise<JobRequest> {
    if (opts.include.length) throw new CodedError('bad-input', 'a disk image is restored whole: --include does not apply');
    const path = imageOf(w, snapshot, env);
    const { meta } = await readHeader(path);
    await checkTarget(opts.target, opts.force, meta.size_bytes);
    const input: DiskRestoreInput = { snapshotId: snapshot.id, imagePath: path, target: opts.target, force: opts.force };
    return { kind: DISK_JOBS.restore, input, lockKeys: [repoOf(w, env), `disk-target:${opts.target}`], title: `restore of ${w.name} to ${opts.target}` };
  },

  async verify(w, { deep }, env): Promise<JobRequest> {
    const input: DiskVerifyInput = { workloadId: w.id, repo: repoOf(w, env), deep };
    return { kind: DISK_JOBS.verify, input, lockKeys: [repoOf(w, env)], title: `${deep ? 'deep ' : ''}verify of ${w.name}` };
  },

  async forget(w, snapshots, env): Promise<JobRequest> {
    const input: DiskForgetInput = { repo: repoOf(w, env), ids: snapshots.map((s) => (imageOf(w, s, env), s.id)) };
    return { kind: DISK_JOBS.forget, input, lockKeys: [repoOf(w, env)], title: `forget ${snapshots.length} image(s) of ${w.name}` };
  },

  async refresh(w, env): Promise<JobRequest> {
    const input: DiskRefreshInput = { workloadId: w.id, repo: repoOf(w, env) };
    return { kind: DISK_JOBS.refresh, input, lockKeys: [repoOf(w, env)], title: `re-list images of ${w.name}` };
  },
};

/** `disk import`: adopt a miren-written image into a disk workload's store (the header is checked before any job starts). */
export async function importRequest(w: DiskWorkload, file: string, env: EngineEnv): Promise<JobRequest> {
  await readHeader(file);
  const input: DiskImportInput = { workloadId: w.id, repo: repoOf(w, env), file };
  return { kind: DISK_JOBS.import, input, lockKeys: [repoOf(w, env)], title: `import of ${file} into ${w.name}` };
}
