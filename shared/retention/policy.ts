import { z } from 'zod';

// The one retention model of every engine (see ../../docs/retention.md once written).
// Durations: a positive integer and a unit h, d, w, m (months), y.
export const durationSchema = z.string().regex(/^[1-9][0-9]{0,5}[hdwmy]$/, 'a duration like 36h, 7d, 4w, 6m or 2y');

const count = z.number().int().min(0).max(1_000_000);

export const retentionPolicySchema = z
  .object({
    keepLast: count.optional(),
    keepWithin: durationSchema.optional(),
    keepHourly: count.optional(),
    keepDaily: count.optional(),
    keepWeekly: count.optional(),
    keepMonthly: count.optional(),
    keepYearly: count.optional(),
    keepByType: z.record(z.string().min(1).max(64), count).optional(),
    keepTags: z.array(z.string().min(1).max(128)).max(100).optional(),
  })
  .strict();

export type RetentionPolicy = z.infer<typeof retentionPolicySchema>;
