// The cas engine seen from main: cheap checks now (so the user hears at once), the heavy work as jobs.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CasConfig, Snapshot, Workload } from '../../../../shared/domain.js';
import { CodedError } from '../../../../shared/result.js';
import type { EngineAdapter, EngineEnv, JobRequest } from '../types.js';
import type { BackupInput } from './backup/run.js';
import { checkSource } from './backup/run.js';
import { CAS_JOBS } from './kinds.js';
import { readConfig } from './repo/config.js';
import { Repository } from './repo/repository.js';
import { LocalStorage } from './storage/local.js';
import type { RestoreInput } from './restore/run.js';

export type CasWorkload = Extract<Workload, { engine: 'cas' }>;

export const defaultCasRepo = (dataDir: string, name: string) => join(dataDir, 'repos', name);
export const casRepoOf = (w: Pick<CasWorkload, 'name' | 'config'>, env: EngineEnv) => w.config.repo ?? defaultCasRepo(env.dataDir, w.name);

/**
 * The passphrase of an encrypted repository: TIDEMARK_PASSWORD (the desktop app sets it from the OS
 * keychain). Checked here so a missing one is said at once, but never put into a job's input: job
 * inputs are stored in the catalog. The worker reads it from its environment (jobs.ts).
 */
export function passphraseFor(config: Pick<CasConfig, 'encrypted'>): { passphrase?: string } {
  if (!config.encrypted) return {};
  const p = process.env.TIDEMARK_PASSWORD;
  if (!p) throw new CodedError('forbidden', 'this workload is encrypted: set TIDEMARK_PASSWORD to its passphrase');
  return { passphrase: p };
}

/** A job's repository, after checking that an encrypted one has its passphrase in the environment. */
function repoInput(w: CasWorkload, env: EngineEnv): { repo: string } {
  passphraseFor(w.config);
  return { repo: casRepoOf(w, env) };
}

async function ensureRepo(path: string, config: CasConfig): Promise<void> {
  const exists = await stat(join(path, 'config')).then(() => true, () => false);
  if (exists) {
    const repoConfig = await readConfig(new LocalStorage(path));
    if ((repoConfig.encryption === 'age') !== !!config.encrypted) throw new CodedError('conflict', `repository ${path} is ${repoConfig.encryption === 'age' ? '' : 'not '}encrypted, the workload says otherwise`);
    await Repository.open(path, passphraseFor(config)); // a wrong passphrase is said now, not at the first backup
    return;
  }
  await Repository.init(path, { encryption: config.encrypted ? 'age' : 'none', ...passphraseFor(config) });
}

export const casAdapter: EngineAdapter<CasWorkload> = {
  async prepareConfig(config, name, env) {
    await checkSource(config.source);
    await access(config.source, constants.R_OK | constants.X_OK).catch(() => {
      throw new CodedError('forbidden', `source ${config.source} is not readable`);
    });
    const repo = config.repo ?? defaultCasRepo(env.dataDir, name);
    if (repo === config.source || repo.startsWith(config.source.replace(/\/?$/, '/'))) throw new CodedError('bad-input', `the repository ${repo} cannot be inside the source it backs up`);
    await ensureRepo(repo, config);
    return { ...config, repo };
  },

  lockKeys: (w) => [w.config.repo ?? `cas-workload:${w.name}`],

  async backup(w, opts, env): Promise<JobRequest> {
    await checkSource(w.config.source);
    passphraseFor(w.config);
    const input: BackupInput = {
      repo: casRepoOf(w, env),
      source: w.config.source,
      workload: w.name,
      workloadId: w.id,
      type: opts.type,
      tags: opts.tags,
      notes: opts.notes,
      excludes: w.config.excludes ?? [],
      oneFileSystem: w.config.oneFileSystem ?? false,
    };
    return { kind: CAS_JOBS.backup, input, lockKeys: [casRepoOf(w, env)], title: `backup of ${w.name}` };
  },

  async restore(w, snapshot: Snapshot, opts, env): Promise<JobRequest> {
    passphraseFor(w.config);
    const input: RestoreInput = { repo: casRepoOf(w, env), snapshotId: snapshot.id, target: opts.target, include: opts.include, force: opts.force, conflict: opts.conflict };
    return { kind: CAS_JOBS.restore, input, lockKeys: [casRepoOf(w, env), `cas-target:${opts.target}`], title: `restore of ${w.name} to ${opts.target}` };
  },

  async verify(w, { deep }, env): Promise<JobRequest> {
    return { kind: CAS_JOBS.verify, input: { ...repoInput(w, env), deep }, lockKeys: [casRepoOf(w, env)], title: `${deep ? 'deep ' : ''}verify of ${w.name}` };
  },

  async forget(w, snapshots, env): Promise<JobRequest> {
    return { kind: CAS_JOBS.forget, input: { ...repoInput(w, env), ids: snapshots.map((s) => s.id) }, lockKeys: [casRepoOf(w, env)], title: `forget ${snapshots.length} snapshot(s) of ${w.name}` };
  },

  async refresh(w, env): Promise<JobRequest> {
    return { kind: CAS_JOBS.refresh, input: { ...repoInput(w, env), workloadId: w.id }, lockKeys: [casRepoOf(w, env)], title: `re-list snapshots of ${w.name}` };
  },
};

export function gcRequest(w: CasWorkload, env: EngineEnv): JobRequest {
  return { kind: CAS_JOBS.gc, input: repoInput(w, env), lockKeys: [casRepoOf(w, env)], title: `gc of ${casRepoOf(w, env)}` };
}

export function rebuildIndexRequest(w: CasWorkload, env: EngineEnv): JobRequest {
  return { kind: CAS_JOBS.rebuildIndex, input: repoInput(w, env), lockKeys: [casRepoOf(w, env)], title: `rebuild index of ${casRepoOf(w, env)}` };
}
