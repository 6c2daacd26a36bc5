import type { Snapshot, Workload } from '../../../shared/domain.js';
import type { ExplainOptions, ExplainResult, RetentionPolicy, RetentionSnapshot } from '../../../shared/retention/index.js';

/** What an engine asks the job runner to run. `lockKeys` name what the job writes (a repository, a dataset): two jobs sharing a key never run at once. */
export interface JobRequest {
  kind: string; // a key of electron/core/jobs/registry.ts
  input: unknown; // structured-cloneable, passed to the worker
  lockKeys: string[];
  title: string; // e.g. "backup of docs"
}

export interface BackupOptions {
  type: string;
  tags: string[];
  notes: string;
  /** the user explicitly accepted a warning (e.g. imaging a device mounted read-write) */
  confirm: boolean;
}

export type ConflictPolicy = 'fail' | 'skip' | 'overwrite' | 'keep-both';

export interface RestoreOptions {
  target: string;
  /** `--force`: an existing target may be written to (cas: overwrite; disk: replace) */
  force: boolean;
  include: string[];
  conflict: ConflictPolicy;
}

export interface EngineEnv {
  dataDir: string;
}

/** A snapshot an engine must never delete, and why (e.g. "protected: latest shared snapshot"). */
export interface Protection {
  id: string;
  reason: string;
}

/**
 * One per engine (engines/<engine>/adapter.ts). Main-side and cheap: it checks and prepares,
 * then hands the heavy work to a worker as a JobRequest. It throws CodedError for bad input.
 */
export interface EngineAdapter<W extends Workload = Workload> {
  /** Check and normalise a new workload's config (source exists and is readable, default repo dir, …). */
  prepareConfig(config: W['config'], name: string, env: EngineEnv): Promise<W['config']>;
  /** What the workload's jobs write, for mutual exclusion. */
  lockKeys(w: W): string[];
  backup(w: W, opts: BackupOptions, env: EngineEnv): Promise<JobRequest>;
  restore(w: W, snapshot: Snapshot, opts: RestoreOptions, env: EngineEnv): Promise<JobRequest>;
  verify(w: W, opts: { deep: boolean }, env: EngineEnv): Promise<JobRequest>;
  /** Delete exactly these snapshots (retention and safety rails were already applied by main). */
  forget(w: W, snapshots: Snapshot[], env: EngineEnv): Promise<JobRequest>;
  /** Re-list the truth (repository / pools / image store) into the catalog: `replaceAllFor`. */
  refresh(w: W, env: EngineEnv): Promise<JobRequest>;
  /** Snapshots this engine protects from retention, given the catalog's list. */
  protections?(w: W, snapshots: Snapshot[]): Protection[];
  /** Retention for a prune when the snapshots of one location are several series (zfs: one per dataset); default: one series. `retention[i]` is `snapshots[i]`. */
  explainPrune?(w: W, snapshots: Snapshot[], retention: RetentionSnapshot[], policy: RetentionPolicy, options: ExplainOptions): ExplainResult;
  /** How the engine's own tools name a snapshot (zfs: `pool/ds@name`), shown beside its time in a prune preview. */
  snapshotLabel?(s: Snapshot): string | undefined;
}
