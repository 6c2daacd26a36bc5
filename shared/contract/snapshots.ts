import { z } from 'zod';
import type { Engine, Job, Snapshot } from '../domain.js';
import { absPathSchema, idSchema, nameSchema, tagSchema } from '../domain.js';
import { method } from './define.js';
import { retentionPolicySchema, type RetentionPolicy } from '../retention/policy.js';
import type { ExplainResult } from '../retention/types.js';
import type { PruneSafety } from '../retention/safety.js';

// Engine-neutral operations: main dispatches them to the workload's engine adapter.

export const backupTypeSchema = z.string().min(1).max(32).regex(/^[a-z][a-z0-9]*$/, 'a type is lower-case letters and digits (manual, scheduled, hourly …)');

/**
 * One workload's snapshots as parallel arrays (index i of every array is one snapshot), oldest first.
 * 50,000 snapshots cross the boundary as a few typed arrays and string lists instead of 50,000 keyed
 * objects: numbers as typed arrays (binary on the WebSocket, see wire.ts; cloned as such over IPC),
 * repeated words as a dictionary and an index, tags and notes only where a snapshot has them. `meta` is
 * left out (only the guid that links zfs copies is kept): a snapshot's details come from `getSnapshot`.
 * Same-time snapshots come in the order the catalog recorded them.
 */
/** a count or size per snapshot: 32-bit where every value fits, else 64-bit floats */
export type NumberColumn = Uint32Array | Float64Array;

export interface SnapshotColumns {
  workload: string;
  workloadId: string;
  engine: Engine;
  /** pass back as `since` to get only what changed after this answer */
  version: string;
  /**
   * Set when this answers `since`: the columns hold only the snapshots added or changed since then, and
   * these ids are gone. Absent: the columns are the whole list (also when `since` was no longer known).
   */
  removed?: string[];
  id: string[];
  /** createdAt as ms since the epoch: the timeline's axis without parsing 50,000 dates in the page */
  time: Float64Array;
  /**
   * ISO 8601 as the catalog keeps it; absent when every one is `new Date(time[i]).toISOString()` (as
   * engines record them), which the page then rebuilds only for the snapshots it reads
   */
  createdAt?: string[];
  /** the distinct types; type[i] is an index into it */
  types: string[];
  type: Uint8Array | Uint16Array;
  /** the distinct locations ('local', 'remote'); location[i] is an index into it */
  locations: string[];
  location: Uint8Array | Uint16Array;
  complete: Uint8Array;
  pinned: Uint8Array;
  fileCount: NumberColumn;
  totalBytes: NumberColumn;
  storedBytes: NumberColumn;
  newChunks: NumberColumn;
  dedupChunks: NumberColumn;
  durationMs: NumberColumn;
  /** the snapshots that have tags (indexes, ascending) and their tags */
  tagged: Uint32Array;
  tags: string[][];
  /** the snapshots that have notes (indexes, ascending) and their notes */
  noted: Uint32Array;
  notes: string[];
  /** only for a workload with copies in more than one location (zfs): meta.guid as text, which links them */
  guid?: (string | null)[];
}

export const snapshotMethods = {
  listSnapshots: method<Snapshot[]>()(z.object({ name: nameSchema.optional() }).strict()),
  /** every workload's snapshots (or one workload's) in columns: the renderer's list, see SnapshotColumns */
  listSnapshotColumns: method<SnapshotColumns[]>()(
    z
      .object({ name: nameSchema.optional(), since: z.string().min(1).max(100).optional() })
      .strict()
      .refine((v) => v.since === undefined || v.name !== undefined, 'since needs the workload name it came from'),
  ),
  getSnapshot: method<Snapshot>()(z.object({ id: idSchema }).strict()),
  updateSnapshot: method<Snapshot>()(
    z
      .object({
        id: idSchema,
        tags: z.array(tagSchema).max(50).optional(),
        notes: z.string().max(4000).optional(),
        pinned: z.boolean().optional(),
      })
      .strict(),
  ),
  startBackup: method<Job>()(
    z
      .object({
        name: nameSchema,
        type: backupTypeSchema.default('manual'),
        tags: z.array(tagSchema).max(50).default([]),
        notes: z.string().max(4000).default(''),
        confirm: z.boolean().default(false),
      })
      .strict(),
  ),
  startRestore: method<Job>()(
    z
      .object({
        snapshotId: idSchema,
        target: absPathSchema,
        force: z.boolean().default(false),
        include: z.array(z.string().min(1).max(4096)).max(1000).default([]),
        conflict: z.enum(['fail', 'skip', 'overwrite', 'keep-both']).default('fail'),
      })
      .strict(),
  ),
  startVerify: method<Job>()(z.object({ name: nameSchema, deep: z.boolean().default(false) }).strict()),
  startForget: method<Job>()(z.object({ snapshotId: idSchema }).strict()),
  /** Re-reads the engine's truth (repository, pools, image store) into the catalog. */
  startRefresh: method<Job>()(z.object({ name: nameSchema }).strict()),
};

// ---- prune: the workload's policy through the shared retention engine, with the safety rails ----
export interface PrunePreview {
  workload: string;
  location: string;
  timeZone: string;
  policy: RetentionPolicy;
  explain: ExplainResult;
  safety: PruneSafety;
  protections: { id: string; reason: string }[];
  /** snapshot id → the name the engine's own tools use (zfs: `pool/ds@name`), where it has one */
  labels?: Record<string, string>;
}

const pruneTarget = {
  name: nameSchema,
  /** zfs keeps a policy per side: 'local' or 'remote'; other engines have only 'local' */
  location: z.enum(['local', 'remote']).default('local'),
  /** preview an edited policy before saving it (the retention editor) */
  policy: retentionPolicySchema.optional(),
  timeZone: z.string().min(1).max(64).optional(),
};

export const pruneMethods = {
  previewPrune: method<PrunePreview>()(z.object(pruneTarget).strict()),
  /**
   * Deletes what the policy does not keep. When the safety rails fire, `confirm` must be the
   * workload's name typed by the user (`--yes` on the CLI); otherwise the call fails with
   * `needs-confirmation` and the reasons, and nothing is deleted.
   */
  startPrune: method<Job | PrunePreview>()(
    z.object({ ...pruneTarget, dryRun: z.boolean().default(false), confirm: z.string().max(64).optional() }).strict(),
  ),
};
