import { z } from 'zod';
import { casConfigSchema, diskConfigSchema, nameSchema, scheduleSchema, zfsConfigSchema, type Workload } from '../domain.js';
import { retentionPolicySchema } from '../retention/policy.js';
import { method } from './define.js';

const byName = z.object({ name: nameSchema }).strict();

export const addWorkloadInput = z.discriminatedUnion('engine', [
  z.object({ name: nameSchema, engine: z.literal('cas'), config: casConfigSchema, policy: retentionPolicySchema.optional(), schedule: scheduleSchema.nullable().optional() }).strict(),
  z.object({ name: nameSchema, engine: z.literal('zfs'), config: zfsConfigSchema, policy: retentionPolicySchema.optional(), schedule: scheduleSchema.nullable().optional() }).strict(),
  z.object({ name: nameSchema, engine: z.literal('disk'), config: diskConfigSchema, policy: retentionPolicySchema.optional(), schedule: scheduleSchema.nullable().optional() }).strict(),
]);
export type AddWorkloadInput = z.infer<typeof addWorkloadInput>;

export const workloadMethods = {
  listWorkloads: method<Workload[]>()(z.object({}).strict()),
  getWorkload: method<Workload>()(byName),
  addWorkload: method<Workload>()(addWorkloadInput),
  updateWorkload: method<Workload>()(
    z
      .object({
        name: nameSchema,
        policy: retentionPolicySchema.optional(),
        schedule: scheduleSchema.nullable().optional(),
      })
      .strict(),
  ),
  /** Removes the workload from the catalog only: repositories, pools and images are never touched. */
  removeWorkload: method<{ removed: string; keptData: string[] }>()(byName),
};
