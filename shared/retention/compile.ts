import { CodedError } from '../result.js';
import { civilFromDays, DAY, daysFromCivil, daysInMonth, HOUR } from './calendar.js';
import { type Duration, isEmptyPolicy, KEEPS_NOTHING_MESSAGE, keepsNothing, parseDuration, type RetentionPolicy, retentionPolicySchema } from './policy.js';
import type { Zone } from './zone.js';

export type BucketKind = 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly';
import type { KeyField } from './prepare.js';

export type BucketField = KeyField;

export interface Bucket {
  kind: BucketKind;
  field: BucketField;
  n: number;
}

/** A policy turned into what the decision loop reads, built once per explain/simulate. */
export interface CompiledPolicy {
  empty: boolean;
  last: number;
  within: { text: string; d: Duration } | null;
  buckets: Bucket[];
  byType: Map<string, number> | null;
  tags: { text: string; all: string[] }[];
}

const BUCKETS: [keyof RetentionPolicy, BucketKind, BucketField][] = [
  ['keepHourly', 'hourly', 'hour'],
  ['keepDaily', 'daily', 'day'],
  ['keepWeekly', 'weekly', 'week'],
  ['keepMonthly', 'monthly', 'month'],
  ['keepYearly', 'yearly', 'year'],
];

/** Accepts an unparsed policy too (engines may hold one from the catalog): bad ones get a one-line error. */
export function compilePolicy(input: unknown): CompiledPolicy {
  const parsed = retentionPolicySchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.message === KEEPS_NOTHING_MESSAGE) throw new CodedError('bad-input', KEEPS_NOTHING_MESSAGE);
    const where = issue && issue.path.length ? `${issue.path.join('.')}: ` : '';
    throw new CodedError('bad-input', `invalid retention policy: ${where}${issue?.message ?? 'not an object'}`);
  }
  const p = parsed.data;
  if (keepsNothing(p)) throw new CodedError('bad-input', KEEPS_NOTHING_MESSAGE);
  const byType = Object.entries(p.keepByType ?? {}).filter(([, n]) => n > 0);
  return {
    empty: isEmptyPolicy(p),
    last: p.keepLast ?? 0,
    within: p.keepWithin ? { text: p.keepWithin, d: parseDuration(p.keepWithin) } : null,
    buckets: BUCKETS.flatMap(([key, kind, field]) => {
      const n = p[key] as number | undefined;
      return n ? [{ kind, field, n }] : [];
    }),
    byType: byType.length ? new Map(byType) : null,
    tags: (p.keepTags ?? []).map((text) => ({ text, all: text.split(',').map((t) => t.trim()).filter(Boolean) })),
  };
}

/**
 * keepWithin's cutoff: `anchor` minus the duration. Years and months step back on the zone's
 * calendar first; a day that does not exist there (31 March − 1m) becomes the start of the
 * next day (1 March 00:00) — restic's Go AddDate would roll over to 3 March and keep less than
 * a month, and this rule also keeps the cutoff from ever moving backwards as the anchor moves
 * forward. Then days (w = 7 days) step back on the calendar and hours as elapsed time.
 * A snapshot is within when it is strictly after the cutoff (restic).
 */
export function withinCutoff(zone: Zone, anchor: number, d: Duration): number {
  const wall = anchor + zone.offsetAt(anchor);
  const days = Math.floor(wall / DAY);
  let timeOfDay = wall - days * DAY;
  const [y, m, day] = civilFromDays(days);
  const months = y * 12 + (m - 1) - (d.years * 12 + d.months);
  const year = Math.floor(months / 12);
  const month = months - year * 12 + 1;
  let shifted: number;
  if (day > daysInMonth(year, month)) {
    shifted = daysFromCivil(year, month, daysInMonth(year, month)) + 1;
    timeOfDay = 0;
  } else shifted = daysFromCivil(year, month, day);
  return zone.fromLocal((shifted - d.days) * DAY + timeOfDay) - d.hours * HOUR;
}
