// The cas engine seen from main: cheap checks now (so the user hears at once), the heavy work as jobs.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CasConfig, Snapshot, Workload } from '../../../../shared/domain.js';
import { CodedError } from '../../../../shared/result.js';
import type { EngineAdapter, EngineEnv, JobRequest } from '../types.js';
import type { BackupInput } from './backup/run.js';
import { checkSource } from './backup/run.js';
import { keptPassphraseOf, passphraseOf } from '../../secrets/lookup.js';
import { checkKeptPassphrase } from './kept-passphrase.js';
import { withJobEnv } from '../../secrets/job-env.js';
import { CAS_JOBS } from './kinds.js';
import { readConfig } from './repo/config.js';
import { Repository } from './repo/repository.js';
import { LocalStorage } from './storage/local.js';
import type { RestoreInput } from './restore/run.js';

export type CasWorkload = Extract<Workload, { engine: 'cas' }>;

export const defaultCasRepo = (dataDir: string, name: string) => join(dataDir, 'repos', name);
export const casRepoOf = (w: Pick<CasWorkload, 'name' | 'config'>, env: EngineEnv) => w.config.repo ?? defaultCasRepo(env.dataDir, w.name);

/**
 * The passphrase of an encrypted repository: the one given through the app (session or OS keychain),
 * else TIDEMARK_PASSWORD. Missing → `forbidden` with `details.needsPassword`, which the UI answers
 * with its passphrase dialog. It never goes into a job's input (inputs are stored in the catalog):
 * `withPassphrase` hands it to the job's own worker through its environment.
 */
export function passphraseFor(w: Pick<CasWorkload, 'name' | 'config'>, env: EngineEnv): { passphrase?: string } {
  if (!w.config.encrypted) return {};
  const p = passphraseOf(env.dataDir, w.name);
  if (!p) throw new CodedError('forbidden', `workload ${w.name} is encrypted: give its passphrase in the app, or set TIDEMARK_PASSWORD`, { needsPassword: w.name });
  return { passphrase: p };
}

/**
 * A job request for this workload, with the passphrase (if any) on the side channel to its worker. A
 * passphrase the app kept is checked first (kept-passphrase.ts): a stale one is asked for again.
 */
export async function withPassphrase(w: CasWorkload, env: EngineEnv, req: JobRequest): Promise<JobRequest> {
  const { passphrase } = passphraseFor(w, env);
  if (passphrase === undefined) return req;
  if (keptPassphraseOf(env.dataDir, w.name) === passphrase) await checkKeptPassphrase(casRepoOf(w, env), w.name, passphrase);
  return withJobEnv(req, { TIDEMARK_PASSWORD: passphrase });
}

async function ensureRepo(path: string, w: Pick<CasWorkload, 'name' | 'config'>, env: EngineEnv): Promise<void> {
  const { config } = w;
  const exists = await stat(join(path, 'config')).then(() => true, () => false);
  if (exists) {
    const repoConfig = await readConfig(new LocalStorage(path));
    if ((repoConfig.encryption === 'age') !== !!config.encrypted) throw new CodedError('conflict', `repository ${path} is ${repoConfig.encryption === 'age' ? '' : 'not '}encrypted, the workload says otherwise`);
    await Repository.open(path, passphraseFor(w, env)); // a wrong passphrase is said now, not at the first backup
    return;
  }
  if (config.recipients && !config.encrypted) throw new CodedError('bad-input', 'age recipients only make sense for an encrypted repository');
  // With recipients, a passphrase is optional: the repository then opens with a matching age identity.
  const passphrase = config.encrypted ? (config.recipients ? passphraseOf(env.dataDir, w.name) : passphraseFor(w, env).passphrase) : undefined;
  await Repository.init(path, { encryption: config.encrypted ? 'age' : 'none', ...(passphrase ? { passphrase } : {}), ...(config.recipients ? { recipients: config.recipients } : {}) });
}

export const casAdapter: EngineAdapter<CasWorkload> = {
  async prepareConfig(config, name, env) {
    await checkSource(config.source);
    await access(config.source, constants.R_OK | constants.X_OK).catch(() => {
      throw new CodedError('forbidden', `source ${config.source} is not readable`);
    });
    const repo = config.repo ?? defaultCasRepo(env.dataDir, name);
    if (repo === config.source || repo.startsWith(config.source.replace(/\/?$/, '/'))) throw new CodedError('bad-input', `the repository ${repo} cannot be inside the source it backs up`);
    await ensureRepo(repo, { name, config }, env);
    return { ...config, repo };
  },

  lockKeys: (w) => [w.config.repo ?? `cas-workload:${w.name}`],

  async backup(w, opts, env): Promise<JobRequest> {
    await checkSource(w.config.source);
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
    return withPassphrase(w, env, { kind: CAS_JOBS.backup, input, lockKeys: [casRepoOf(w, env)], title: `backup of ${w.name}` });
  },

  async restore(w, snapshot: Snapshot, opts, env): Promise<JobRequest> {
    const input: RestoreInput = { repo: casRepoOf(w, env), snapshotId: snapshot.id, target: opts.target, include: opts.include, force: opts.force, conflict: opts.conflict };
    return withPassphrase(w, env, { kind: CAS_JOBS.restore, input, lockKeys: [casRepoOf(w, env), `cas-target:${opts.target}`], title: `restore of ${w.name} to ${opts.target}` });
  },

  async verify(w, { deep }, env): Promise<JobRequest> {
    return withPassphrase(w, env, { kind: CAS_JOBS.verify, input: { repo: casRepoOf(w, env), deep }, lockKeys: [casRepoOf(w, env)], title: `${deep ? 'deep ' : ''}verify of ${w.name}` });
  },

  async forget(w, snapshots, env): Promise<JobRequest> {
    return withPassphrase(w, env, { kind: CAS_JOBS.forget, input: { repo: casRepoOf(w, env), ids: snapshots.map((s) => s.id) }, lockKeys: [casRepoOf(w, env)], title: `forget ${snapshots.length} snapshot(s) of ${w.name}` });
  },

  async refresh(w, env): Promise<JobRequest> {
    return withPassphrase(w, env, { kind: CAS_JOBS.refresh, input: { repo: casRepoOf(w, env), workloadId: w.id }, lockKeys: [casRepoOf(w, env)], title: `re-list snapshots of ${w.name}` });
  },
};

export function gcRequest(w: CasWorkload, env: EngineEnv): Promise<JobRequest> {
  return withPassphrase(w, env, { kind: CAS_JOBS.gc, input: { repo: casRepoOf(w, env) }, lockKeys: [casRepoOf(w, env)], title: `gc of ${casRepoOf(w, env)}` });
}

export function rebuildIndexRequest(w: CasWorkload, env: EngineEnv): Promise<JobRequest> {
  return withPassphrase(w, env, { kind: CAS_JOBS.rebuildIndex, input: { repo: casRepoOf(w, env) }, lockKeys: [casRepoOf(w, env)], title: `rebuild index of ${casRepoOf(w, env)}` });
}
