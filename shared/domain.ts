import { z } from 'zod';
import type { RetentionPolicy } from './retention/policy.js';
import { retentionPolicySchema } from './retention/policy.js';

export type { RetentionPolicy };

export const ENGINES = ['cas', 'zfs', 'disk'] as const;
export type Engine = (typeof ENGINES)[number];

export const BACKUP_TYPES = ['manual', 'scheduled', 'snapshot', 'pre-deploy'] as const;

// ---- bounded primitives: every string from outside has a length limit ----
export const nameSchema = z
  .string()
  .min(1, 'a name is required')
  .max(64, 'a name is at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a name uses letters, digits, dot, dash and underscore, and starts with a letter or digit');

/** An absolute POSIX path without NUL bytes or `..` segments. Where it may point is checked in main (allowed roots). */
export const absPathSchema = z
  .string()
  .min(1)
  .max(4096, 'a path is at most 4096 characters')
  .refine((p) => p.startsWith('/'), 'an absolute path is required')
  .refine((p) => !p.includes('\0'), 'a path cannot contain NUL bytes')
  .refine((p) => !p.split('/').includes('..'), 'a path cannot contain ".." segments');

export const idSchema = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:@-]+$/, 'not a valid id');
export const tagSchema = z.string().min(1).max(64).regex(/^[^\s,]+$/, 'a tag has no spaces or commas');

// ---- workloads ----
/** An age X25519 recipient: "age1" + 58 bech32 characters (the server also checks its checksum). */
export const ageRecipientSchema = z.string().regex(/^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/, 'not an age recipient (age1… , 62 characters)');

export const casConfigSchema = z
  .object({
    source: absPathSchema,
    repo: absPathSchema.optional(),
    excludes: z.array(z.string().min(1).max(1024)).max(1000).optional(),
    oneFileSystem: z.boolean().optional(),
    encrypted: z.boolean().optional(),
    /** public keys that can also open an encrypted repository (a recovery key, or instead of a passphrase) */
    recipients: z.array(ageRecipientSchema).min(1).max(64).optional(),
  })
  .strict();

export const zfsRemoteSchema = z
  .object({
    user: z.string().min(1).max(64).regex(/^[a-z_][a-z0-9_.-]*$/i, 'not a valid user name'),
    host: z.string().min(1).max(253).regex(/^[A-Za-z0-9.:-]+$/, 'not a valid host name'),
    port: z.number().int().min(1).max(65535).default(22),
    dataset: z.string().min(1).max(255),
    identity: absPathSchema.optional(),
    zfsPath: absPathSchema.optional(),
  })
  .strict();

export const zfsConfigSchema = z
  .object({
    dataset: z.string().min(1).max(255),
    remote: zfsRemoteSchema.optional(),
    remotePolicy: retentionPolicySchema.optional(),
    localZfsPath: absPathSchema.optional(),
  })
  .strict();

export const diskConfigSchema = z
  .object({
    image: absPathSchema,
    repo: absPathSchema.optional(),
  })
  .strict();

export const scheduleSchema = z
  .object({
    everyMinutes: z.number().int().min(5).max(60 * 24 * 31),
    type: z.enum(['manual', 'scheduled', 'snapshot', 'pre-deploy', 'hourly', 'daily', 'weekly', 'monthly']).default('scheduled'),
  })
  .strict();
export type Schedule = z.infer<typeof scheduleSchema>;

export type CasConfig = z.infer<typeof casConfigSchema>;
export type ZfsConfig = z.infer<typeof zfsConfigSchema>;
export type DiskConfig = z.infer<typeof diskConfigSchema>;

interface WorkloadBase {
  id: string;
  name: string;
  policy: RetentionPolicy;
  schedule: Schedule | null;
  createdAt: string;
  updatedAt: string;
}
export type Workload =
  | (WorkloadBase & { engine: 'cas'; config: CasConfig })
  | (WorkloadBase & { engine: 'zfs'; config: ZfsConfig })
  | (WorkloadBase & { engine: 'disk'; config: DiskConfig });

// ---- snapshots (DESIGN.md --json shape; fields may be added, never renamed) ----
export interface Snapshot {
  id: string;
  workload: string; // workload name
  workloadId: string;
  engine: Engine;
  type: string;
  tags: string[];
  notes: string;
  createdAt: string; // ISO 8601 UTC
  complete: boolean;
  fileCount: number;
  totalBytes: number;
  storedBytes: number;
  newChunks: number;
  dedupChunks: number;
  durationMs: number;
  pinned: boolean;
  /** zfs: 'local' | 'remote'; others: 'local'. */
  location: string;
  /** engine-specific extras (checksum, filesystem, guid, hostname, source path, warnings …) */
  meta: Record<string, unknown>;
}

// ---- jobs ----
export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface Progress {
  jobId: string;
  phase: string;
  bytesDone: number;
  bytesTotal?: number;
  filesDone: number;
  filesTotal?: number;
  /** bytes per second, smoothed */
  rate: number;
  etaSeconds?: number;
  currentItem?: string;
}

export interface JobLog {
  jobId: string;
  at: string;
  level: 'info' | 'warn' | 'error';
  message: string;
}

export interface Job {
  id: string;
  kind: string;
  workloadId: string | null;
  workloadName: string | null;
  state: JobState;
  /** why a queued job is waiting, e.g. "waiting for job 12 (backup of docs) to release repository /x" */
  waitingFor: string | null;
  progress: Progress | null;
  result: unknown;
  error: { code: string; message: string; hint?: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
