import { z } from 'zod';
import type { Job } from '../domain.js';
import { absPathSchema, idSchema, nameSchema } from '../domain.js';
import { method } from './define.js';

// Disk-engine specific methods; backup, restore, verify and forget go through the engine-neutral snapshot methods.

export type TargetCheckId = 'path' | 'exists' | 'mounted' | 'loop' | 'open' | 'size' | 'space';

/** One preparation check of a restore target: `fail` refuses the restore, `warn` needs the user's attention. */
export interface TargetCheck {
  id: TargetCheckId;
  status: 'pass' | 'fail' | 'warn';
  text: string;
}

export interface RestoreTargetReport {
  target: string;
  exists: boolean;
  device: boolean;
  /** the image's uncompressed size */
  imageBytes: number;
  checks: TargetCheck[];
  /** no check failed (an existing target still needs `force`) */
  ok: boolean;
}

export const diskMethods = {
  /** Adopts an image written by the miren tool (or another Tidemark) into a disk workload's store, verified. */
  importDiskImage: method<Job>()(z.object({ name: nameSchema, file: absPathSchema }).strict()),
  /** The restore's preparation checks for a target, run now and shown before anything is written. Writes nothing. */
  checkRestoreTarget: method<RestoreTargetReport>()(z.object({ snapshotId: idSchema, target: absPathSchema }).strict()),
};
