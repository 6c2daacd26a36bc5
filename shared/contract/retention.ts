import { z } from 'zod';
import type { ExplainResult, PruneSafety, SimulationResult } from '../retention/index.js';
import { isValidTimeZone, retentionPolicySchema, scheduleSpecSchema } from '../retention/index.js';
import { readIsoInstant } from '../retention/instant.js';
import { method } from './define.js';

// Pure what-ifs over the retention engine: no workload, no catalog. The renderer's policy
// editor previews with these (or calls shared/retention directly); the CLI's
// `tidemark retention explain|simulate` goes through the same schemas.

export const MAX_EXPLAIN_SNAPSHOTS = 200_000;

export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => isValidTimeZone(tz), 'not a known time zone (use an IANA name like Europe/Berlin or UTC)');

const isoInstant = z
  .string()
  .max(40, 'an ISO 8601 time with a zone, e.g. 2026-11-20T13:00:00Z')
  .refine((v) => !Number.isNaN(readIsoInstant(v)), 'an ISO 8601 time with a zone, e.g. 2026-11-20T13:00:00Z');

export const retentionSnapshotSchema = z
  .object({
    id: z.string().min(1, 'a snapshot id is required').max(256),
    createdAt: isoInstant,
    type: z.string().min(1).max(64).optional(),
    tags: z.array(z.string().min(1).max(128)).max(64).optional(),
    pinned: z.boolean().optional(),
    bytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();

export const explainRetentionInput = z
  .object({
    policy: retentionPolicySchema,
    snapshots: z.array(retentionSnapshotSchema).max(MAX_EXPLAIN_SNAPSHOTS, `at most ${MAX_EXPLAIN_SNAPSHOTS.toLocaleString('en-US')} snapshots`),
    now: isoInstant.optional(),
    timeZone: timeZoneSchema.optional(),
    protections: z.array(z.object({ id: z.string().min(1).max(256), reason: z.string().min(1).max(200) }).strict()).max(10_000).optional(),
  })
  .strict();

export const simulateRetentionInput = z
  .object({
    policy: retentionPolicySchema,
    schedule: scheduleSpecSchema,
    days: z.number().int().min(1).max(3660, 'at most 3660 days (10 years)'),
    snapshotBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    timeZone: timeZoneSchema.optional(),
    /** default: today's local midnight */
    start: isoInstant.optional(),
  })
  .strict();

/** explain() plus the safety rails a prune with this result would meet. */
export type ExplainRetentionOutput = ExplainResult & { safety: PruneSafety };

export const retentionMethods = {
  explainRetention: method<ExplainRetentionOutput>()(explainRetentionInput),
  simulateRetention: method<SimulationResult>()(simulateRetentionInput),
};
