import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../../shared/retention/compile.js';
import { allocKeys, newMemo, stamp } from '../../../shared/retention/prepare.js';
import { cutoffsFor, onePassExact, pruneOnce, replayStepwise } from '../../../shared/retention/replay.js';
import { plannedSnapshots, type ScheduleSpec } from '../../../shared/retention/schedule.js';
import { simulate } from '../../../shared/retention/index.js';
import { Zone } from '../../../shared/retention/zone.js';
import { rng } from './helpers.js';

// simulate() prunes after every creation; for long replays it computes the survivors in one
// pass instead, which is only valid when bucket keys and keepWithin cutoffs never go backwards.
// Here both ways run on random schedules and policies and must agree exactly.
function setup(spec: ScheduleSpec, policy: unknown, zoneName: string, startIso: string, days: number) {
  const zone = new Zone(zoneName);
  const start = Date.parse(startIso);
  const plan = plannedSnapshots(spec, zone, start, start + days * 86_400_000, 100_000);
  const keys = allocKeys(plan.length);
  const memo = newMemo();
  plan.forEach((p, i) => stamp(keys, i, p.t, zone, memo));
  const subjects = plan.map((p, i) => ({ id: `${String(i).padStart(6, '0')}-${p.type}`, type: p.type, tags: p.tags }));
  const cp = compilePolicy(policy);
  return { n: plan.length, keys, subjects, cp, cutoffs: cutoffsFor(plan.length, keys, cp, zone) };
}

describe('one-pass survivors equal the step-by-step replay', () => {
  it('on random schedules, policies and zones', () => {
    const random = rng(2026);
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe'];
    const pick = (max: number) => (random() < 0.5 ? 1 + Math.floor(random() * max) : undefined);
    let compared = 0;
    for (let round = 0; round < 60; round++) {
      const spec: ScheduleSpec = [{ type: 'hourly', every: `${1 + Math.floor(random() * 5)}h`, ...(random() < 0.2 ? { tags: ['keep'] } : {}) }];
      if (random() < 0.7) spec.push({ type: 'daily', at: '00:00' });
      if (random() < 0.5) spec.push({ type: 'weekly', at: '03:30', weekday: 'sun' });
      if (random() < 0.5) spec.push({ type: 'monthly', at: '00:00', day: 31 });
      const raw = { keepLast: pick(5), keepHourly: pick(30), keepDaily: pick(10), keepWeekly: pick(6), keepMonthly: pick(4), keepYearly: pick(2), keepWithin: random() < 0.3 ? ['12h', '2d', '1w', '1m'][Math.floor(random() * 4)] : undefined, keepByType: random() < 0.3 ? { daily: 1 + Math.floor(random() * 5) } : undefined, keepTags: random() < 0.1 ? ['keep'] : undefined };
      const policy = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
      if (Object.keys(policy).length === 0) continue;
      const start = new Date(Date.UTC(2026, Math.floor(random() * 12), 1 + Math.floor(random() * 28), Math.floor(random() * 24))).toISOString();
      const s = setup(spec, policy, zones[round % zones.length]!, start, 20 + Math.floor(random() * 100));
      const stepwise = replayStepwise(s.n, s.keys, s.subjects, s.cp, s.cutoffs, Infinity)!;
      if (!onePassExact(s.n, s.keys, s.cutoffs)) continue;
      expect(pruneOnce(s.n, s.keys, s.subjects, s.cp, s.cutoffs), `${JSON.stringify(policy)} ${JSON.stringify(spec)} from ${start}`).toEqual(stepwise.alive);
      compared++;
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('falls back when the final keepWithin cutoff is not the largest (ending inside a repeated autumn hour)', () => {
    // Berlin 2026-10-25: 02:00–03:00 happens twice; creations every 15 minutes see the wall
    // clock step back once, and so does a 1d cutoff. 02:50 CEST (00:50Z) → cutoff 00:50Z the day
    // before; 02:05 CET (01:05Z) → cutoff 00:05Z the day before.
    const zone = 'Europe/Berlin';
    const before = setup([{ type: 'frequent', every: '15min' }], { keepWithin: '1d' }, zone, '2026-10-23T23:00:00Z', 1); // ends at 23:00Z, before the change
    expect(onePassExact(before.n, before.keys, before.cutoffs)).toBe(true);
    const ending = setup([{ type: 'frequent', every: '15min' }], { keepWithin: '1d' }, zone, '2026-10-24T01:20:00Z', 1); // last creation 01:05Z = 02:05 CET
    expect(onePassExact(ending.n, ending.keys, ending.cutoffs)).toBe(false);
    const after = setup([{ type: 'frequent', every: '15min' }], { keepWithin: '1d' }, zone, '2026-10-24T03:20:00Z', 1); // the replay goes on past the hour
    expect(onePassExact(after.n, after.keys, after.cutoffs)).toBe(true);
    expect(replayStepwise(ending.n, ending.keys, ending.subjects, ending.cp, ending.cutoffs, Infinity)!.alive.length).toBeGreaterThan(0);
    expect(replayStepwise(ending.n, ending.keys, ending.subjects, ending.cp, ending.cutoffs, 1000)).toBeNull(); // over budget: simulate() refuses
  });

  it('months durations over a year of hourly snapshots stay fast and exact', () => {
    const s = setup([{ type: 'hourly', every: '1h' }, { type: 'daily', at: '00:00' }], { keepWithin: '1m', keepDaily: 10 }, 'Europe/Berlin', '2026-01-15T00:00:00Z', 200);
    expect(onePassExact(s.n, s.keys, s.cutoffs)).toBe(true); // the dips at month ends are overtaken by the end
    expect(pruneOnce(s.n, s.keys, s.subjects, s.cp, s.cutoffs)).toEqual(replayStepwise(s.n, s.keys, s.subjects, s.cp, s.cutoffs, Infinity)!.alive);
    const r = simulate({ policy: { keepWithin: '6m' }, schedule: [{ type: 'hourly', every: '1h' }], days: 365, timeZone: 'Europe/Berlin', start: '2026-01-01T00:00:00Z' });
    expect(r.total).toBeGreaterThan(180 * 24 - 48);
  });

  it('a long simulation gives the steady state without the peak', () => {
    const r = simulate({ policy: { keepWithin: '30d', keepDaily: 30, keepMonthly: 24 }, schedule: [{ type: 'hourly', every: '1h' }], days: 3650, timeZone: 'Europe/Berlin', start: '2026-01-01T00:00:00Z', snapshotBytes: 1 });
    expect(r.peak).toBeNull();
    expect(r.peakStorageBytes).toBeUndefined();
    expect(r.total).toBe(r.byType.hourly);
    expect(r.total).toBeGreaterThan(24 * 30);
    expect(r.created).toBe(r.total + r.deleted);
  });
});
