import { z } from 'zod';

// The one retention model of every engine; semantics in ../../docs/retention.md.
// Durations (keepWithin): one or more of <n>y <n>m <n>w <n>d <n>h in that order, e.g. 7d,
// 36h, 6m, 1y6m (m = calendar months, as in restic; w = 7 calendar days).
export const durationSchema = z
  .string()
  .max(40)
  .regex(/^(?=\d)([1-9]\d{0,5}y)?([1-9]\d{0,5}m)?([1-9]\d{0,5}w)?([1-9]\d{0,5}d)?([1-9]\d{0,5}h)?$/, 'a duration like 36h, 7d, 4w, 6m, 2y or 1y6m');

export interface Duration {
  years: number;
  months: number;
  days: number;
  hours: number;
}

export function parseDuration(text: string): Duration {
  const d: Duration = { years: 0, months: 0, days: 0, hours: 0 };
  for (const [, n, unit] of text.matchAll(/(\d+)([ymwdh])/g)) {
    const v = Number(n);
    if (unit === 'y') d.years += v;
    else if (unit === 'm') d.months += v;
    else if (unit === 'w') d.days += 7 * v;
    else if (unit === 'd') d.days += v;
    else d.hours += v;
  }
  return d;
}

const count = z.number().int('a count is a whole number').min(0, 'a count cannot be negative').max(1_000_000);

const policyObject = z
  .object({
    keepLast: count.optional(),
    keepWithin: durationSchema.optional(),
    keepHourly: count.optional(),
    keepDaily: count.optional(),
    keepWeekly: count.optional(),
    keepMonthly: count.optional(),
    keepYearly: count.optional(),
    /** type → N newest of that type (zfs: name prefix before the first `-`; elsewhere the backup's type) */
    keepByType: z.record(z.string().min(1).max(64), count).optional(),
    /** a snapshot carrying the tag is kept; "a,b" means carrying both a and b (restic's tag lists) */
    keepTags: z.array(z.string().min(1).max(128)).max(100).optional(),
  })
  .strict();

type PolicyShape = z.infer<typeof policyObject>;

/** `{}` (no rule at all) keeps everything; a policy whose rules can keep nothing is refused. */
export function isEmptyPolicy(p: PolicyShape): boolean {
  return Object.values(p).every((v) => v === undefined);
}

export function keepsNothing(p: PolicyShape): boolean {
  if (isEmptyPolicy(p)) return false;
  const counts = [p.keepLast, p.keepHourly, p.keepDaily, p.keepWeekly, p.keepMonthly, p.keepYearly, ...Object.values(p.keepByType ?? {})];
  return p.keepWithin === undefined && counts.every((c) => !c) && (p.keepTags ?? []).length === 0;
}

export const KEEPS_NOTHING_MESSAGE =
  'this policy keeps nothing: every rule is 0 or empty, so it would delete every snapshot (use {} to keep everything, or set e.g. keepLast)';

export const retentionPolicySchema = policyObject.refine((p) => !keepsNothing(p), { message: KEEPS_NOTHING_MESSAGE });

export type RetentionPolicy = z.infer<typeof retentionPolicySchema>;
