import { z } from 'zod';
import type { Job } from '../domain.js';
import { absPathSchema, idSchema, nameSchema } from '../domain.js';
import { method } from './define.js';

// cas-engine specific methods: browsing a snapshot's tree (restore wizard, `ls`/`find`/`diff`) and
// repository maintenance. Backup, restore, verify and forget go through the engine-neutral methods.

/** A path inside a snapshot ("/" or "" = its root); never a path on this machine. */
const treePathSchema = z
  .string()
  .max(4096, 'a path is at most 4096 characters')
  .refine((p) => !p.includes('\0'), 'a path cannot contain NUL bytes')
  .refine((p) => !p.split('/').includes('..'), 'a path cannot contain ".." segments');

export interface CasEntryView {
  name: string;
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'fifo' | 'socket' | 'char' | 'block';
  size: number;
  mode: number;
  uid: number;
  gid: number;
  mtime: string;
  target?: string;
  /** base64 of the raw name when it is not valid UTF-8 */
  rawPath?: string;
}

export interface CasTreePage {
  snapshotId: string;
  path: string;
  entries: CasEntryView[];
  offset: number;
  nextOffset: number | null;
}

export interface CasPathVersion {
  snapshotId: string;
  createdAt: string;
  workload: string;
  entry: CasEntryView;
  changed: boolean;
}

export interface CasDiffChange {
  kind: 'added' | 'removed' | 'changed';
  path: string;
  type: CasEntryView['type'];
  sizeBefore?: number;
  sizeAfter?: number;
  what?: string[];
}

export interface CasDiff {
  from: string;
  to: string;
  added: number;
  removed: number;
  changed: number;
  bytesAdded: number;
  bytesRemoved: number;
  changes: CasDiffChange[];
  truncated: boolean;
}

export interface CasTreeSearch {
  snapshotId: string;
  /** the folder searched, with everything below it */
  path: string;
  query: string;
  entries: CasEntryView[];
  /** more entries matched than `limit` */
  truncated: boolean;
}

/** A path that matched a name search across a workload's snapshots. */
export interface CasFoundPath {
  path: string;
  type: CasEntryView['type'];
  workload: string;
  /** how many snapshots hold the path */
  versions: number;
  /** the newest snapshot holding it */
  latest: { snapshotId: string; createdAt: string; size: number };
}

export interface CasFileSide {
  label: string;
  size: number;
  sha256: string;
}
export interface CasDiffLine {
  op: ' ' | '+' | '-';
  text: string;
}
export interface CasDiffHunk {
  /** 1-based first line on each side */
  aStart: number;
  aLines: number;
  bStart: number;
  bLines: number;
  lines: CasDiffLine[];
}
export type CasFileDiff =
  | { kind: 'text'; a: CasFileSide; b: CasFileSide; identical: boolean; added: number; removed: number; hunks: CasDiffHunk[]; truncated: boolean }
  | { kind: 'binary'; a: CasFileSide; b: CasFileSide; identical: boolean; reason: 'binary' | 'too-large' };

/** The result of a cas restore job (startRestore, startRestoreFile), as `Job.result` carries it. */
export interface CasRestoreResult {
  snapshotId: string;
  target: string;
  files: number;
  dirs: number;
  bytes: number;
  skipped: number;
  /** chunks read, each checked against its id (SHA-256 / HMAC-SHA256) before being written */
  chunksVerified: number;
  /** written files relative to the target: the first 500, `restoredMore` counts the rest */
  restored: string[];
  restoredMore: number;
  warnings: { path: string; message: string }[];
  summary: string;
}

/** One side of a file comparison: a file in a snapshot, or a file on this machine. */
const fileSideSchema = z.union([z.object({ snapshotId: idSchema, path: treePathSchema.min(1) }).strict(), z.object({ diskPath: absPathSchema }).strict()]);

/** A plain file name: what "restore next to the original" names the copy. */
const fileNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((n) => !n.includes('/') && !n.includes('\0') && n !== '.' && n !== '..', 'a file name cannot contain "/" or NUL, or be "." or ".."');

export const casMethods = {
  /** One page of a directory in a snapshot. */
  listTree: method<CasTreePage>()(
    z
      .object({
        snapshotId: idSchema,
        path: treePathSchema.default('/'),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
  ),
  /** Entries whose name contains `query` (case-insensitive), in a folder of a snapshot and below it. */
  searchTree: method<CasTreeSearch>()(
    z
      .object({
        snapshotId: idSchema,
        path: treePathSchema.default('/'),
        query: z.string().trim().min(1, 'type part of a name to search for').max(200),
        limit: z.number().int().min(1).max(2000).default(500),
      })
      .strict(),
  ),
  /** Paths whose name contains `query` in any snapshot of the workload (every cas workload's without a name). */
  findFiles: method<CasFoundPath[]>()(
    z
      .object({
        name: nameSchema.optional(),
        query: z.string().trim().min(1, 'type part of a name to search for').max(200),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
  ),
  /** Compares two versions of a file (or one against the file on disk): a line diff for text, size and SHA-256 otherwise. */
  diffFile: method<CasFileDiff>()(z.object({ a: fileSideSchema, b: fileSideSchema }).strict()),
  /**
   * Restores one file of a snapshot as `dir/fileName` (a job): the file-first wizard's "next to the
   * original". Never overwrites: an existing `dir/fileName` is refused.
   */
  startRestoreFile: method<Job>()(z.object({ snapshotId: idSchema, path: treePathSchema.min(1), dir: absPathSchema, fileName: fileNameSchema }).strict()),
  /** Every version of a path across the workload's snapshots (every cas workload's without a name), newest first. */
  findPath: method<CasPathVersion[]>()(z.object({ name: nameSchema.optional(), path: treePathSchema.min(1) }).strict()),
  /** Added / removed / changed entries between two snapshots of one repository. */
  diffSnapshots: method<CasDiff>()(z.object({ from: idSchema, to: idSchema, limit: z.number().int().min(1).max(100_000).default(10_000) }).strict()),
  /** Removes data no snapshot references and repacks mostly-empty packs (a job). */
  startGc: method<Job>()(z.object({ name: nameSchema }).strict()),
  /** Rebuilds the repository index from the packs alone (a job). */
  startRebuildIndex: method<Job>()(z.object({ name: nameSchema }).strict()),
};
