import { z } from 'zod';
import type { Job } from '../domain.js';
import { nameSchema, zfsRemoteSchema } from '../domain.js';
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
