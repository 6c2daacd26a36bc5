// The contract between the job runner (main thread) and job handlers (worker threads).

import type { Snapshot } from '../../../shared/domain.js';

export interface ProgressUpdate {
  phase: string;
  bytesDone: number;
  bytesTotal?: number;
  filesDone: number;
  filesTotal?: number;
  currentItem?: string;
}

export interface JobContext {
  /** Aborted when the user cancels. Handlers check it between units of work and leave their store consistent. */
  signal: AbortSignal;
  /** Report progress as often as convenient: the worker and main both throttle. */
  progress(update: ProgressUpdate): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

/** A job handler runs inside a worker thread. Input and output must be structured-cloneable plain data. */
export type JobHandler<I = unknown, O = unknown> = (input: I, ctx: JobContext) => Promise<O>;

/** Messages worker → main. */
export type WorkerMessage =
  | { type: 'progress'; update: ProgressUpdate }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'result'; value: unknown }
  | { type: 'error'; error: { code: string; message: string; details?: unknown } };

/** Messages main → worker. */
export type MainMessage = { type: 'cancel' };

/** What the worker is started with (workerData). */
export interface WorkerStart {
  kind: string;
  input: unknown;
}

/**
 * Workers never write the catalog (one writer: main). A handler whose work changes what exists
 * (a snapshot committed, forgotten, pruned) returns these changes in its result under `catalog`,
 * and the runner applies them in one transaction when the job succeeds.
 */
export interface CatalogChanges {
  upsertSnapshots?: SnapshotRecord[];
  removeSnapshots?: string[];
  /** replace every snapshot of this workload (+ location) with `upsertSnapshots` (a full re-listing) */
  replaceAllFor?: { workloadId: string; location?: string };
}

/** A snapshot as an engine reports it: main adds the workload name and the user's pin when it serves it. */
export type SnapshotRecord = Omit<Snapshot, 'workload' | 'pinned'>;
