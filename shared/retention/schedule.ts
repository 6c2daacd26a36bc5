import { z } from 'zod';
import { civilFromDays, DAY, daysInMonth, HOUR, weekdayOfDays } from './calendar.js';
import type { Zone } from './zone.js';

// What-if schedules: each entry creates snapshots of one type, either every fixed interval
// from the start, or at a local wall time each day / on a weekday / on a day of the month.
//   [{ "type": "hourly", "every": "1h" }, { "type": "daily", "at": "00:00" },
//    { "type": "weekly", "at": "00:00", "weekday": "sun" }, { "type": "monthly", "at": "00:00", "day": 1 }]

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const typeName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.]+$/, 'a snapshot type uses letters, digits, dot and underscore (no "-": ZFS types end at the first "-")');

export const scheduleEntrySchema = z
  .object({
    type: typeName,
    every: z.string().regex(/^[1-9]\d{0,4}(min|h|d)$/, 'an interval like 15min, 1h or 1d').optional(),
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time like 00:00 or 13:30').optional(),
    weekday: z.enum(WEEKDAYS).optional(),
    /** a day past the month's end (29–31) falls on the month's last day */
    day: z.number().int().min(1).max(31).optional(),
    tags: z.array(z.string().min(1).max(64)).max(16).optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if ((e.every === undefined) === (e.at === undefined)) ctx.addIssue({ code: 'custom', message: `schedule entry "${e.type}" needs exactly one of "every" or "at"` });
    if (e.every !== undefined && (e.weekday !== undefined || e.day !== undefined)) ctx.addIssue({ code: 'custom', message: `schedule entry "${e.type}": "weekday" and "day" go with "at", not "every"` });
    if (e.weekday !== undefined && e.day !== undefined) ctx.addIssue({ code: 'custom', message: `schedule entry "${e.type}": give "weekday" or "day", not both` });
    if (e.every !== undefined && intervalMs(e.every) < 5 * 60_000) ctx.addIssue({ code: 'custom', message: `schedule entry "${e.type}": the interval must be at least 5min` });
  });

export const scheduleSpecSchema = z.array(scheduleEntrySchema).min(1, 'a schedule needs at least one entry').max(32);

export type ScheduleEntry = z.infer<typeof scheduleEntrySchema>;
export type ScheduleSpec = z.infer<typeof scheduleSpecSchema>;

export function intervalMs(every: string): number {
  const m = /^(\d+)(min|h|d)$/.exec(every);
  if (!m) return NaN;
  return Number(m[1]) * (m[2] === 'min' ? 60_000 : m[2] === 'h' ? HOUR : DAY);
}

export interface PlannedSnapshot {
  t: number;
  /** index of the schedule entry: orders same-instant snapshots (entry order = creation order) */
  entry: number;
  type: string;
  tags: string[] | undefined;
}

/** Every creation in [start, end), in creation order; stops early once `limit` is exceeded. */
export function plannedSnapshots(spec: ScheduleSpec, zone: Zone, start: number, end: number, limit: number): PlannedSnapshot[] {
  const out: PlannedSnapshot[] = [];
  spec.forEach((e, entry) => {
    const push = (t: number) => out.push({ t, entry, type: e.type, tags: e.tags });
    if (e.every !== undefined) {
      const step = intervalMs(e.every);
      for (let t = start; t < end && out.length <= limit; t += step) push(t);
      return;
    }
    const [hh, mm] = e.at!.split(':').map(Number) as [number, number];
    const firstDay = Math.floor((start + zone.offsetAt(start)) / DAY);
    const lastDay = Math.floor((end + zone.offsetAt(end)) / DAY);
    for (let d = firstDay; d <= lastDay && out.length <= limit; d++) {
      if (e.weekday !== undefined && WEEKDAYS[weekdayOfDays(d)] !== e.weekday) continue;
      if (e.day !== undefined) {
        const [y, m, dom] = civilFromDays(d);
        if (dom !== Math.min(e.day, daysInMonth(y, m))) continue;
      }
      const t = zone.fromLocal(d * DAY + hh * HOUR + mm * 60_000);
      if (t >= start && t < end) push(t);
    }
  });
  return out.sort((a, b) => a.t - b.t || a.entry - b.entry);
}
