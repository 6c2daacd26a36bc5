import { describe, expect, it } from 'vitest';
import { explain, scheduleSpecSchema, simulate, type ScheduleSpec } from '../../../shared/retention/index.js';

const standard: ScheduleSpec = [
  { type: 'hourly', every: '1h' },
  { type: 'daily', at: '00:00' },
  { type: 'weekly', at: '00:00', weekday: 'sun' },
  { type: 'monthly', at: '00:00', day: 1 },
];
const base = { schedule: standard, days: 90, start: '2026-01-01T00:00:00+01:00', timeZone: 'Europe/Berlin' };

describe('simulate', () => {
  it('backupd-style per-type policy over 90 days: the steady state per type', () => {
    const r = simulate({ ...base, policy: { keepByType: { hourly: 24, daily: 7, weekly: 4, monthly: 12 } }, snapshotBytes: 2_000_000_000 });
    // 90 calendar days; 29 March has 23 hours in Berlin
    expect(r.created).toBe(2159 + 90 + 13 + 3);
    expect(r.byType).toEqual({ hourly: 24, daily: 7, weekly: 4, monthly: 3 });
    expect(r.total).toBe(38);
    expect(r.deleted).toBe(r.created - r.total);
    expect(r.oldest).toEqual({ id: expect.stringMatching(/-monthly$/), createdAt: '2025-12-31T23:00:00.000Z', type: 'monthly', ageDays: 90 });
    expect(r.storageBytes).toBe(38 * 2_000_000_000);
    expect(r.peak).toBe(39); // each new snapshot exists for a moment before its prune
    expect(r.byAge).toEqual([
      // ages at the end (1 April 00:00): the oldest of the 24 hourlies is exactly 1 day old
      { label: '< 1 day', count: 23 },
      { label: '< 1 week', count: 1 + 7 + 1 }, // that hourly, the 7 dailies, the weekly of Sunday 29 March
      { label: '< 1 month', count: 3 },
      { label: '< 1 year', count: 3 },
      { label: 'older', count: 0 },
    ]);
    expect(r.byAge.reduce((n, b) => n + b.count, 0)).toBe(r.total);
  });

  it('the final list carries explain’s reasons and matches explain on the same snapshots', () => {
    const policy = { keepLast: 3, keepHourly: 24, keepDaily: 7, keepWeekly: 4, keepMonthly: 12 };
    const r = simulate({ ...base, schedule: [standard[0]!], policy });
    // hourly only: 24 hours + 6 more days + 3 weeks + 3 months (Jan, Feb; March is this week)
    expect(r.byType).toEqual({ hourly: r.total });
    const again = explain(r.snapshots.map(({ id, createdAt }) => ({ id, createdAt })), policy, { timeZone: 'Europe/Berlin' });
    expect(again.deleted).toBe(0);
    expect(again.items.map((i) => i.reasons)).toEqual(r.snapshots.map((s) => s.reasons));
    expect(r.snapshots[0]!.reasons).toContain('last 1/3');
  });

  it('keepWithin: every snapshot within 2 days of the newest', () => {
    const r = simulate({ ...base, schedule: [standard[0]!], policy: { keepWithin: '2d' }, timeZone: 'UTC', start: '2026-06-01T00:00:00Z' });
    expect(r.total).toBe(48);
    expect(r.oldest!.createdAt).toBe('2026-08-28T00:00:00.000Z'); // newest 08-29 23:00; 08-27 23:00 is exactly 2d before
  });

  it('an empty policy keeps everything it creates', () => {
    const r = simulate({ ...base, days: 10, policy: {} });
    expect(r.deleted).toBe(0);
    expect(r.total).toBe(r.created);
  });

  it('wall-clock schedules follow the zone through DST; a skipped time runs after the jump', () => {
    const r = simulate({ policy: {}, schedule: [{ type: 'nightly', at: '02:30' }], days: 3, start: '2026-03-28T00:00:00+01:00', timeZone: 'Europe/Berlin' });
    expect(r.snapshots.map((s) => s.createdAt).reverse()).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z']);
  });

  it('monthly on day 31 falls on the last day of shorter months; weekly on the weekday', () => {
    const r = simulate({ policy: {}, schedule: [{ type: 'monthly', at: '12:00', day: 31 }, { type: 'weekly', at: '12:00', weekday: 'mon' }], days: 60, start: '2026-01-01T00:00:00Z', timeZone: 'UTC' });
    const monthly = r.snapshots.filter((s) => s.type === 'monthly').map((s) => s.createdAt.slice(0, 10));
    expect(monthly.reverse()).toEqual(['2026-01-31', '2026-02-28']);
    const weekly = r.snapshots.filter((s) => s.type === 'weekly').map((s) => new Date(s.createdAt).getUTCDay());
    expect(new Set(weekly)).toEqual(new Set([1]));
    expect(weekly).toHaveLength(8); // 5 Jan … 23 Feb; the 60 days end on 2 March at 00:00
  });

  it('same-instant creations keep the schedule order (hourly then daily at 00:00)', () => {
    const r = simulate({ policy: { keepLast: 1 }, schedule: [{ type: 'hourly', every: '1h' }, { type: 'daily', at: '00:00' }], days: 1, start: '2026-01-01T00:00:00Z', timeZone: 'UTC' });
    expect(r.created).toBe(25);
    expect(r.snapshots.map((s) => s.type)).toEqual(['hourly']);
    const two = simulate({ policy: { keepLast: 25 }, schedule: [{ type: 'hourly', every: '1h' }, { type: 'daily', at: '00:00' }], days: 1, start: '2026-01-01T00:00:00Z', timeZone: 'UTC' });
    expect(two.snapshots.slice(-2).map((s) => s.type)).toEqual(['daily', 'hourly']); // newest first: daily was created after hourly
  });

  it('refuses oversize simulations and bad input with one-line messages', () => {
    expect(() => simulate({ ...base, policy: {}, days: 3660, schedule: [{ type: 'x', every: '5min' }] })).toThrow(/creates more than 200,000 snapshots in 3660 days/);
    expect(() => simulate({ ...base, policy: {}, days: 0 })).toThrow('days must be a whole number from 1 to 3660');
    expect(() => simulate({ ...base, policy: { keepLast: 0 } })).toThrow(/keeps nothing/);
    expect(() => simulate({ ...base, policy: {}, timeZone: 'Nowhere/Else' })).toThrow(/unknown time zone/);
    expect(() => simulate({ ...base, policy: {}, schedule: [{ type: 'x', every: '0h' }] })).toThrow(/^invalid schedule: an interval like 15min, 1h or 1d$/);
  });
});

describe('schedule schema', () => {
  it('accepts the documented forms', () => {
    expect(scheduleSpecSchema.safeParse(standard).success).toBe(true);
    expect(scheduleSpecSchema.safeParse([{ type: 'frequent', every: '15min', tags: ['auto'] }]).success).toBe(true);
  });

  it.each([
    [[], 'at least one entry'],
    [[{ type: 'x' }], 'exactly one of "every" or "at"'],
    [[{ type: 'x', every: '1h', at: '00:00' }], 'exactly one of "every" or "at"'],
    [[{ type: 'x', every: '1h', weekday: 'sun' }], '"weekday" and "day" go with "at"'],
    [[{ type: 'x', at: '00:00', weekday: 'sun', day: 1 }], 'not both'],
    [[{ type: 'x', every: '1min' }], 'at least 5min'],
    [[{ type: 'x', at: '24:00' }], 'a local time like 00:00'],
    [[{ type: 'x', at: '00:00', weekday: 'sunday' }], ''],
    [[{ type: 'hourly-x', every: '1h' }], 'no "-"'],
    [[{ type: 'x', every: '1h', extra: 1 }], ''],
  ])('rejects %j', (spec, message) => {
    const r = scheduleSpecSchema.safeParse(spec);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message).join(' | ')).toContain(message);
  });
});
