import { z } from 'zod';
import type { Job } from '../domain.js';
import { absPathSchema, nameSchema } from '../domain.js';
import { method } from './define.js';

// Disk-engine specific methods; backup, restore, verify and forget go through the engine-neutral snapshot methods.

export const diskMethods = {
  /** Adopts an image written by the miren tool (or another Tidemark) into a disk workload's store, verified. */
  importDiskImage: method<Job>()(z.object({ name: nameSchema, file: absPathSchema }).strict()),
};
