import { z } from 'zod';
import type { Job } from '../domain.js';
import { idSchema, nameSchema } from '../domain.js';
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
  /** Every version of a path across the workload's snapshots (every cas workload's without a name), newest first. */
  findPath: method<CasPathVersion[]>()(z.object({ name: nameSchema.optional(), path: treePathSchema.min(1) }).strict()),
  /** Added / removed / changed entries between two snapshots of one repository. */
  diffSnapshots: method<CasDiff>()(z.object({ from: idSchema, to: idSchema, limit: z.number().int().min(1).max(100_000).default(10_000) }).strict()),
  /** Removes data no snapshot references and repacks mostly-empty packs (a job). */
  startGc: method<Job>()(z.object({ name: nameSchema }).strict()),
  /** Rebuilds the repository index from the packs alone (a job). */
  startRebuildIndex: method<Job>()(z.object({ name: nameSchema }).strict()),
};
