import { describe, expect, it } from 'vitest';
import { explain, type RetentionPolicy, type RetentionSnapshot, zfsSnapshotType } from '../../../shared/retention/index.js';
import { hoursAfter, keptIds, reasonsOf, snaps } from './helpers.js';

// One rule at a time, then combinations. UTC unless a test is about zones.

// 2026-11-14 (Sat) … 2026-11-20 (Fri): three snapshots a day at 01:00, 09:00, 17:00
const week = snaps(Array.from({ length: 21 }, (_, i) => hoursAfter('2026-11-14T01:00:00Z', Math.floor(i / 3) * 24 + (i % 3) * 8)));
const newest = week[20]!.id; // s21, 2026-11-20T17:00Z

interface Case {
  name: string;
  snapshots: RetentionSnapshot[];
  policy: RetentionPolicy;
  now?: string;
  kept: string[];
  reasons?: Record<string, string[]>;
}

const cases: Case[] = [
  { name: 'keepLast keeps the N newest', snapshots: week, policy: { keepLast: 3 }, kept: ['s21', 's20', 's19'], reasons: { s21: ['last 1/3'], s19: ['last 3/3'] } },
  { name: 'keepLast larger than the list keeps all', snapshots: week.slice(0, 4), policy: { keepLast: 10 }, kept: ['s04', 's03', 's02', 's01'] },
  {
    name: 'keepDaily keeps the newest of each of the last N days',
    snapshots: week,
    policy: { keepDaily: 3 },
    kept: ['s21', 's18', 's15'],
    reasons: { s21: ['daily 2026-11-20 (1/3)'], s18: ['daily 2026-11-19 (2/3)'], s15: ['daily 2026-11-18 (3/3)'] },
  },
  {
    name: 'keepHourly counts hours that have a snapshot, not clock hours',
    snapshots: week,
    policy: { keepHourly: 4 },
    kept: ['s21', 's20', 's19', 's18'],
    reasons: { s21: ['hourly 2026-11-20 17h (1/4)'], s18: ['hourly 2026-11-19 17h (4/4)'] },
  },
  {
    name: 'keepWeekly uses ISO weeks (Monday to Sunday)',
    snapshots: week,
    policy: { keepWeekly: 2 },
    kept: ['s21', 's06'],
    reasons: { s21: ['weekly 2026-W47 (1/2)'], s06: ['weekly 2026-W46 (2/2)'] },
  },
  { name: 'keepMonthly', snapshots: snaps(['2026-09-30T12:00:00Z', '2026-10-01T00:00:00Z', '2026-10-31T23:59:59Z', '2026-11-02T00:00:00Z', '2026-11-20T10:00:00Z']), policy: { keepMonthly: 2 }, kept: ['s05', 's03'], reasons: { s05: ['monthly 2026-11 (1/2)'], s03: ['monthly 2026-10 (2/2)'] } },
  { name: 'keepYearly', snapshots: snaps(['2024-06-01T00:00:00Z', '2025-01-01T00:00:00Z', '2025-12-31T23:00:00Z', '2026-11-20T10:00:00Z']), policy: { keepYearly: 2 }, kept: ['s04', 's03'], reasons: { s04: ['yearly 2026 (1/2)'], s03: ['yearly 2025 (2/2)'] } },
  {
    name: 'a bucket with slots left also keeps the oldest snapshot (restic ≥ 0.17)',
    snapshots: week.slice(0, 6),
    policy: { keepDaily: 7 },
    kept: ['s06', 's03', 's01'],
    reasons: { s03: ['daily 2026-11-14 (2/7)'], s01: ['daily 2026-11-14 (3/7, oldest)'] },
  },
  {
    name: 'keepWithin counts back from the newest snapshot, not from now',
    snapshots: week,
    policy: { keepWithin: '1d' },
    now: '2030-01-01T00:00:00Z',
    kept: ['s21', 's20', 's19'],
    reasons: { s21: ['within 1d'] },
  },
  { name: 'keepWithin: exactly at the cutoff is outside (restic: strictly after)', snapshots: week, policy: { keepWithin: '16h' }, kept: ['s21', 's20'] },
  { name: 'keepWithin in days: the snapshot exactly 6d before the newest is out', snapshots: week, policy: { keepWithin: '6d' }, kept: week.map((s) => s.id).reverse().slice(0, 18) },
  {
    name: 'keepWithin ignores snapshots in the future when finding the newest',
    snapshots: [...week, { id: 'future', createdAt: '2027-06-01T00:00:00Z' }],
    policy: { keepWithin: '1d' },
    now: '2026-11-21T00:00:00Z',
    kept: ['future', 's21', 's20', 's19'],
  },
  {
    name: 'keepByType keeps the N newest of each type (backupd)',
    snapshots: snaps([
      { createdAt: '2026-11-20T00:00:00Z', type: 'daily' },
      { createdAt: '2026-11-20T01:00:00Z', type: 'hourly' },
      { createdAt: '2026-11-20T02:00:00Z', type: 'hourly' },
      { createdAt: '2026-11-20T03:00:00Z', type: 'hourly' },
      { createdAt: '2026-11-21T00:00:00Z', type: 'daily' },
      { createdAt: '2026-11-21T00:30:00Z', type: 'manual' },
      { createdAt: '2026-11-21T01:00:00Z' },
    ]),
    policy: { keepByType: { hourly: 2, daily: 1, weekly: 3 } },
    kept: ['s05', 's04', 's03'],
    reasons: { s04: ['type hourly (1/2)'], s03: ['type hourly (2/2)'], s05: ['type daily (1/1)'] },
  },
  {
    name: 'keepTags keeps every snapshot with the tag; "a,b" needs both',
    snapshots: snaps([
      { createdAt: '2026-11-01T00:00:00Z', tags: ['release'] },
      { createdAt: '2026-11-02T00:00:00Z', tags: ['a'] },
      { createdAt: '2026-11-03T00:00:00Z', tags: ['a', 'b'] },
      { createdAt: '2026-11-04T00:00:00Z', tags: ['nightly'] },
    ]),
    policy: { keepTags: ['release', 'a,b'] },
    kept: ['s03', 's01'],
    reasons: { s01: ['tag release'], s03: ['tag a,b'] },
  },
  {
    name: 'pinned snapshots are kept whatever the policy says',
    snapshots: snaps(['2020-01-01T00:00:00Z', { createdAt: '2021-01-01T00:00:00Z', pinned: true }, '2026-11-20T00:00:00Z']),
    policy: { keepLast: 1 },
    kept: ['s03', 's02'],
    reasons: { s02: ['pinned'] },
  },
  {
    name: 'combination: every reason is listed',
    snapshots: snaps(['2026-11-19T10:00:00Z', { createdAt: '2026-11-20T10:00:00Z', type: 'daily', tags: ['release'], pinned: true }]),
    policy: { keepLast: 1, keepWithin: '7d', keepHourly: 1, keepDaily: 1, keepWeekly: 1, keepMonthly: 1, keepYearly: 1, keepByType: { daily: 7 }, keepTags: ['release'] },
    kept: ['s02', 's01'],
    reasons: {
      s02: ['last 1/1', 'hourly 2026-11-20 10h (1/1)', 'daily 2026-11-20 (1/1)', 'weekly 2026-W47 (1/1)', 'monthly 2026-11 (1/1)', 'yearly 2026 (1/1)', 'within 7d', 'type daily (1/7)', 'tag release', 'pinned'],
      s01: ['within 7d'],
    },
  },
  {
    name: 'combination: keepLast + keepDaily + keepWeekly overlap without double counting',
    snapshots: week,
    policy: { keepLast: 2, keepDaily: 2, keepWeekly: 2 },
    kept: ['s21', 's20', 's18', 's06'],
    reasons: { s21: ['last 1/2', 'daily 2026-11-20 (1/2)', 'weekly 2026-W47 (1/2)'], s20: ['last 2/2'], s18: ['daily 2026-11-19 (2/2)'], s06: ['weekly 2026-W46 (2/2)'] },
  },
];

describe('explain: one rule at a time and combined', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = explain(c.snapshots, c.policy, { now: c.now ?? '2026-11-21T00:00:00Z', timeZone: 'UTC' });
    expect(keptIds(r)).toEqual(c.kept);
    expect(r.kept).toBe(c.kept.length);
    expect(r.deleted).toBe(c.snapshots.length - c.kept.length);
    for (const [id, reasons] of Object.entries(c.reasons ?? {})) expect(reasonsOf(r, id), id).toEqual(reasons);
    for (const item of r.items) expect(item.keep).toBe(item.reasons.length > 0);
  });

  it('protected snapshots are kept with the engine’s reason, even by a policy that keeps 1', () => {
    const r = explain(week, { keepLast: 1 }, { now: '2026-11-21T00:00:00Z', protections: [{ id: 's01', reason: 'oldest at local' }, { id: 's05', reason: 'latest shared snapshot' }, { id: 's05', reason: 'earliest shared snapshot' }, { id: 'gone', reason: 'elsewhere' }] });
    expect(keptIds(r)).toEqual([newest, 's05', 's01']);
    expect(reasonsOf(r, 's05')).toEqual(['protected: latest shared snapshot', 'protected: earliest shared snapshot']);
    expect(reasonsOf(r, 's01')).toEqual(['protected: oldest at local']);
  });

  it('items come newest first with their createdAt', () => {
    const r = explain(week, { keepLast: 1 });
    expect(r.items[0]).toEqual({ id: 's21', createdAt: week[20]!.createdAt, keep: true, reasons: ['last 1/1'] });
    expect(r.items.at(-1)!.id).toBe('s01');
  });

  it('bytesFreed sums the deleted snapshots when every one has a size', () => {
    const sized = week.map((s, i) => ({ ...s, bytes: 1000 * (i + 1) }));
    const r = explain(sized, { keepLast: 19 });
    expect(r.bytesFreed).toBe(1000 + 2000);
    expect(explain(week, { keepLast: 19 }).bytesFreed).toBeUndefined();
    const partly = sized.map((s, i) => (i === 0 ? { id: s.id, createdAt: s.createdAt } : s));
    expect(explain(partly, { keepLast: 19 }).bytesFreed).toBeUndefined();
    expect(explain(sized, { keepLast: 100 }).bytesFreed).toBe(0);
  });

  it('keepWithin: 1w is 7 days, 36h is 36 hours', () => {
    expect(keptIds(explain(week, { keepWithin: '1w' }))).toEqual(keptIds(explain(week, { keepWithin: '7d' })));
    expect(keptIds(explain(week, { keepWithin: '36h' }))).toEqual(['s21', 's20', 's19', 's18', 's17']);
  });

  it('keepWithin counts months on the calendar: 1m back from 20 March 12:00 is 20 February 12:00', () => {
    const s = snaps(['2026-02-20T12:00:00Z', '2026-02-20T12:00:01Z', '2026-03-20T12:00:00Z']);
    expect(keptIds(explain(s, { keepWithin: '1m' }))).toEqual(['s03', 's02']);
  });

  it('keepWithin: a month back from 31 March is 1 March 00:00 (no 31 February; restic would roll to 3 March)', () => {
    const march = snaps(['2026-02-28T23:59:59Z', '2026-03-01T00:00:00Z', '2026-03-01T00:00:01Z', '2026-03-02T12:00:00Z', '2026-03-31T12:00:00Z']);
    expect(keptIds(explain(march, { keepWithin: '1m' }))).toEqual(['s05', 's04', 's03']);
    const leap = snaps(['2027-02-28T12:00:00Z', '2027-03-01T00:00:01Z', '2028-02-29T12:00:00Z']);
    expect(keptIds(explain(leap, { keepWithin: '1y' }, { now: '2028-03-01T00:00:00Z' }))).toEqual(['s03', 's02']);
  });

  it('an empty list is fine', () => {
    expect(explain([], { keepLast: 3 })).toEqual({ timeZone: 'UTC', items: [], kept: 0, deleted: 0 });
  });
});

describe('zfsSnapshotType (backupd: the name prefix before the first "-")', () => {
  it.each([
    ['hourly-20261120T130000Z', 'hourly'],
    ['tank/data@daily-2026-11-20', 'daily'],
    ['pre-deploy-v2', 'pre'],
    ['manual', undefined],
    ['-odd', undefined],
  ])('%s → %s', (name, type) => {
    expect(zfsSnapshotType(name)).toBe(type);
  });
});
