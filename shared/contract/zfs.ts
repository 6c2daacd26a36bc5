import { z } from 'zod';
import type { Job } from '../domain.js';
import { absPathSchema, idSchema, nameSchema, zfsRemoteSchema } from '../domain.js';
import { method } from './define.js';

// zfs-specific methods; backup (= snapshot), restore, forget and refresh go through the engine-neutral ones.

export const fingerprintSchema = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'a host key fingerprint looks like SHA256: followed by 43 base64 characters');
export const planHashSchema = z.string().regex(/^sha256:[0-9a-f]{32}$/, 'a plan hash looks like sha256: followed by 32 hex digits');

/** What one host's zfs can do (probed, never assumed). */
export interface ZfsCapabilities {
  listParsable: boolean;
  getType: boolean;
  sendDryRun: boolean;
  recvResumable: boolean;
  recvNoMount: boolean;
  recvAbort: boolean;
  destroyRange: boolean;
  destroyList: boolean;
  bookmarks: boolean;
  holds: boolean;
  guid: boolean;
  createtxg: boolean;
  notes: string[];
}

export type ZfsOpKind = 'initial-transfer' | 'range-transfer' | 'delete' | 'range-delete';

export interface ZfsOperation {
  kind: ZfsOpKind;
  side: 'local' | 'remote';
  dataset: string;
  rel: string;
  from?: string;
  to?: string;
  snapshots: string[];
  /** guid of each snapshot in `snapshots` (same order): checked again right before running */
  guids: string[];
  /** guid of `from` */
  fromGuid?: string;
  estimatedBytes?: number;
  reason: string;
  requiresConsent?: boolean;
  forceReceive?: boolean;
}

export interface ZfsTargetItem {
  name: string;
  guid: string;
  keep: boolean;
  reasons: string[];
}

export interface ZfsDatasetPlan {
  rel: string;
  local: string;
  remote: string | null;
  status: 'ok' | 'up-to-date' | 'blocked' | 'needs-consent';
  explanation?: string;
  options?: string[];
  localTarget: ZfsTargetItem[];
  remoteTarget: ZfsTargetItem[];
}

/** DESIGN.md's plan JSON (`workload`, `operations`, `valid`) plus what the UI needs to explain it. */
export interface ZfsPlan {
  workload: string;
  createdAt: string;
  operations: ZfsOperation[];
  datasets: ZfsDatasetPlan[];
  valid: boolean;
  problems: string[];
  consent: { hash: string; destroys: { dataset: string; snapshots: string[]; contents?: boolean }[] } | null;
  hash: string;
  capabilities: { local: ZfsCapabilities | null; remote: ZfsCapabilities | null };
}

export interface ZfsConnectionTest {
  host: string;
  fingerprint: string;
  newlyPinned: boolean;
  capabilities: ZfsCapabilities;
  /** whether the remote dataset exists yet (it is created by the first transfer) */
  datasetExists: boolean;
}

export const zfsMethods = {
  /** Connects (pinning the host key only when `acceptHostKey` equals its fingerprint), probes zfs there. */
  testConnection: method<ZfsConnectionTest>()(zfsRemoteSchema.extend({ acceptHostKey: fingerprintSchema.optional() }).strict()),
  /** The replication plan from fresh inventories of both sides: nothing is executed. */
  planSync: method<ZfsPlan>()(z.object({ name: nameSchema, acceptHostKey: fingerprintSchema.optional() }).strict()),
  /** Runs the plan as a job. `consent` is the hash of a plan the user reviewed: only then may it destroy diverged remote snapshots or receive with -F. */
  startSync: method<Job>()(
    z
      .object({
        name: nameSchema,
        dryRun: z.boolean().default(false),
        consent: planHashSchema.optional(),
        acceptHostKey: fingerprintSchema.optional(),
      })
      .strict(),
  ),
};

// ---- restore wizard: restore as a new dataset, or (local side only) roll back behind a reviewed destroy list ----

/** A dataset name: no snapshot part, no control characters (spaces are allowed, as ZFS allows them). */
export const datasetNameSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.: -]*(\/[A-Za-z0-9_.: -]+)*$/, 'a dataset name is pool/path, letters, digits, space and _ . : -');
export const snapshotNameSchema = z.string().min(1).max(255).regex(/^[A-Za-z0-9_.: -]+$/, 'a snapshot name uses letters, digits, space and _ . : -');

export interface ZfsRollbackSnapshot {
  name: string;
  guid: string;
  createdAt: string;
  /** space only this snapshot holds: what destroying it frees */
  usedBytes: number;
  held: boolean;
}

/** Exactly what `zfs rollback -r DATASET@SNAPSHOT` would destroy, and whether it may run. */
export interface ZfsRollbackPreview {
  dataset: string;
  snapshot: ZfsRollbackSnapshot;
  /** the snapshots newer than the chosen one, oldest first: all destroyed */
  newer: ZfsRollbackSnapshot[];
  /** datasets cloned from a newer snapshot: Tidemark refuses to destroy them (no `-R`) */
  clones: { name: string; origin: string }[];
  /** bytes written since the snapshot (`written@snap`); null where this ZFS does not report it */
  writtenBytes: number | null;
  referencedNowBytes: number;
  referencedAtSnapshotBytes: number;
  /** why the rollback cannot run as it stands (clones, holds), or null */
  blocked: string | null;
  /** identifies this destroy list: startRollback runs only while the dataset still matches it */
  hash: string;
}

export interface ZfsRestoreTargetInput {
  snapshotId: string;
  dataset: string;
  mountpoint?: string;
}

const rollbackTarget = { name: nameSchema, dataset: datasetNameSchema, snapshot: snapshotNameSchema };

export const zfsRestoreMethods = {
  /** The destroy list of a rollback of a local dataset to one of its snapshots. Changes nothing. */
  previewRollback: method<ZfsRollbackPreview>()(z.object(rollbackTarget).strict()),
  /** Rolls back as a job, only if the dataset still matches the reviewed preview (`consent` = its hash). */
  startRollback: method<Job>()(z.object({ ...rollbackTarget, consent: planHashSchema }).strict()),
  /** Restores a zfs snapshot as a NEW dataset (clone, or receive back from the remote), optionally mounted at a chosen path. */
  startZfsRestore: method<Job>()(z.object({ snapshotId: idSchema, dataset: datasetNameSchema, mountpoint: absPathSchema.optional() }).strict()),
};
