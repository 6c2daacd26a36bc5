import { describe, expect, it } from 'vitest';
import { explain, type RetentionPolicy, type RetentionSnapshot } from '../../../shared/retention/index.js';
import { CodedError } from '../../../shared/result.js';
import { keptIds, rng, snaps } from './helpers.js';

describe('explain: input handling and invariants', () => {
  it('same-second snapshots are ordered by id: the greater id counts as newer', () => {
    // the hourly and the daily cron both fire at 00:00:00
    const s: RetentionSnapshot[] = [
      { id: 'daily-2026-11-20', createdAt: '2026-11-20T00:00:00Z', type: 'daily' },
      { id: 'hourly-2026-11-20-0000', createdAt: '2026-11-20T00:00:00Z', type: 'hourly' },
      { id: 'hourly-2026-11-19-2300', createdAt: '2026-11-19T23:00:00Z', type: 'hourly' },
    ];
    const forward = explain(s, { keepLast: 1 });
    expect(keptIds(forward)).toEqual(['hourly-2026-11-20-0000']);
    expect(forward.items.map((i) => i.id)).toEqual(['hourly-2026-11-20-0000', 'daily-2026-11-20', 'hourly-2026-11-19-2300']);
    expect(explain([...s].reverse(), { keepLast: 1 })).toEqual(forward);
    expect(explain([s[1]!, s[2]!, s[0]!], { keepLast: 1 })).toEqual(forward);
  });

  it('equal instants written with different offsets are the same instant', () => {
    const s = snaps([{ id: 'b', createdAt: '2026-11-20T01:00:00+01:00' }, { id: 'a', createdAt: '2026-11-20T00:00:00Z' }]);
    expect(keptIds(explain(s, { keepLast: 1 }))).toEqual(['b']);
  });

  it('unsorted input gives exactly the result of sorted input', () => {
    const random = rng(7);
    const sorted = snaps(Array.from({ length: 300 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * 5_400_000 + Math.floor(random() * 1000) * 1000).toISOString()));
    const policy: RetentionPolicy = { keepLast: 5, keepHourly: 12, keepDaily: 7, keepWeekly: 4, keepMonthly: 3, keepWithin: '2d' };
    const expected = explain(sorted, policy, { timeZone: 'Europe/Berlin' });
    const shuffled = [...sorted].sort(() => random() - 0.5);
    expect(explain(shuffled, policy, { timeZone: 'Europe/Berlin' })).toEqual(expected);
    expect(explain([...sorted].reverse(), policy, { timeZone: 'Europe/Berlin' })).toEqual(expected);
  });

  it('time-ordered input with same-second groups in any order equals fully shuffled input', () => {
    const random = rng(11);
    // hourly + daily at the same second every midnight, listed in arbitrary order within the second
    const list: RetentionSnapshot[] = [];
    for (let h = 0; h < 24 * 20; h++) {
      const createdAt = new Date(Date.UTC(2026, 0, 1) + h * 3_600_000).toISOString();
      const group = [{ id: `hourly-${h}`, createdAt, type: 'hourly' }];
      if (h % 24 === 0) group.push({ id: `daily-${h}`, createdAt, type: 'daily' }, { id: `manual-${h}`, createdAt, type: 'manual' });
      list.push(...group.sort(() => random() - 0.5));
    }
    const policy: RetentionPolicy = { keepLast: 2, keepDaily: 5, keepByType: { daily: 3, manual: 1 } };
    const expected = explain([...list].sort(() => random() - 0.5), policy);
    expect(explain(list, policy)).toEqual(expected);
    expect(explain([...list].reverse(), policy)).toEqual(expected);
    expect(expected.items[0]!.id).toBe('hourly-479');
    expect(expected.items.find((i) => i.id === 'manual-456')!.reasons).toEqual(['type manual (1/1)']);
    const midnight = expected.items.filter((i) => i.id.endsWith('-456')).map((i) => i.id);
    expect(midnight).toEqual(['manual-456', 'hourly-456', 'daily-456']); // same second: greater id is newer
  });

  it('duplicate ids are rejected with the id named', () => {
    const s = snaps([{ id: 'x', createdAt: '2026-11-20T00:00:00Z' }, { id: 'y', createdAt: '2026-11-20T01:00:00Z' }, { id: 'x', createdAt: '2026-11-21T00:00:00Z' }]);
    expect(() => explain(s, { keepLast: 1 })).toThrow('duplicate snapshot id "x": every snapshot id must be unique');
    try {
      explain(s, { keepLast: 1 });
    } catch (e) {
      expect((e as CodedError).code).toBe('bad-input');
    }
  });

  it.each(['2026-11-20', '2026-11-20T00:00:00', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-11-20T24:00:00Z', 'yesterday', '1969-12-31T23:59:59Z', '2026-11-20T00:00:00+1:00'])(
    'rejects createdAt %s with a one-line message naming the snapshot',
    (createdAt) => {
      expect(() => explain([{ id: 'bad', createdAt }], { keepLast: 1 })).toThrow(/^snapshot bad: ".*" is not an ISO 8601 time with a zone/);
    },
  );

  it.each(['2026-11-20T00:00Z', '2026-11-20T00:00:00.123456789Z', '2026-11-20T00:00:00-05:30', '2024-02-29T00:00:00Z'])('accepts createdAt %s', (createdAt) => {
    expect(explain([{ id: 'ok', createdAt }], { keepLast: 1 }).kept).toBe(1);
  });

  it('now may be an ISO string, epoch ms or a Date; a bad one is rejected', () => {
    const s = snaps(['2026-11-20T00:00:00Z', '2026-12-20T00:00:00Z']);
    const asString = explain(s, { keepWithin: '1d' }, { now: '2026-11-25T00:00:00Z' });
    expect(keptIds(asString)).toEqual(['s02', 's01']); // s02 is in the future: s01 anchors keepWithin
    expect(explain(s, { keepWithin: '1d' }, { now: Date.parse('2026-11-25T00:00:00Z') })).toEqual(asString);
    expect(explain(s, { keepWithin: '1d' }, { now: new Date('2026-11-25T00:00:00Z') })).toEqual(asString);
    expect(() => explain(s, { keepWithin: '1d' }, { now: 'soon' })).toThrow(/^now: "soon" is not an ISO 8601 time/);
  });

  it('property: pinned and protected are never deleted; reasons iff kept; keepLast keeps the newest N', () => {
    const random = rng(42);
    const types = ['hourly', 'daily', 'weekly', 'manual'];
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
    for (let round = 0; round < 150; round++) {
      const n = Math.floor(random() * 80);
      const s: RetentionSnapshot[] = Array.from({ length: n }, (_, i) => ({
        id: `r${round}-${i}`,
        createdAt: new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 400 * 86_400) * 1000).toISOString(),
        type: types[Math.floor(random() * types.length)],
        tags: random() < 0.1 ? ['release'] : [],
        pinned: random() < 0.05,
      }));
      const pick = () => (random() < 0.5 ? Math.floor(random() * 6) : undefined);
      const policy: RetentionPolicy = { keepLast: pick(), keepHourly: pick(), keepDaily: pick(), keepWeekly: pick(), keepMonthly: pick(), keepYearly: pick(), keepByType: random() < 0.3 ? { hourly: 2 } : undefined, keepTags: random() < 0.3 ? ['release'] : undefined, keepWithin: random() < 0.2 ? '3d' : undefined };
      const cleaned = Object.fromEntries(Object.entries(policy).filter(([, v]) => v !== undefined)) as RetentionPolicy;
      const protections = s.filter(() => random() < 0.05).map((x) => ({ id: x.id, reason: 'latest shared snapshot' }));
      let r;
      try {
        r = explain(s, cleaned, { timeZone: zones[round % zones.length], protections });
      } catch (e) {
        expect((e as Error).message).toContain('keeps nothing');
        continue;
      }
      expect(r.kept + r.deleted).toBe(n);
      expect(r.items).toHaveLength(n);
      const byId = new Map(r.items.map((i) => [i.id, i]));
      for (const x of s) if (x.pinned) expect(byId.get(x.id)!.keep).toBe(true);
      for (const p of protections) expect(byId.get(p.id)!.reasons).toContain('protected: latest shared snapshot');
      for (const item of r.items) expect(item.keep).toBe(item.reasons.length > 0);
      const last = cleaned.keepLast ?? 0;
      expect(r.items.slice(0, last).every((i) => i.keep)).toBe(true);
      if (Object.keys(cleaned).length === 0) expect(r.deleted).toBe(0);
    }
  });
});
