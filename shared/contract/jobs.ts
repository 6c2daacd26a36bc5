import { z } from 'zod';
import type { Job, JobLog } from '../domain.js';
import { idSchema, nameSchema } from '../domain.js';
import { method } from './define.js';

export interface EstimateResult {
  files: number;
  dirs: number;
  bytes: number;
  unreadable: { path: string; error: string }[];
  durationMs: number;
}

export const jobMethods = {
  listJobs: method<Job[]>()(
    z
      .object({
        states: z.array(z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled'])).max(5).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
  ),
  getJob: method<Job & { logs: JobLog[] }>()(z.object({ id: idSchema }).strict()),
  cancelJob: method<Job>()(z.object({ id: idSchema }).strict()),
  /** Walks a cas workload's source in a worker: files, bytes, unreadable entries (the backup uses it for its ETA). */
  startEstimate: method<Job>()(z.object({ name: nameSchema }).strict()),
};
