import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, isoWeekKey } from '../../../shared/retention/calendar.js';
import { readIsoInstant } from '../../../shared/retention/instant.js';
import { Zone } from '../../../shared/retention/zone.js';
import { rng } from './helpers.js';

// The cached offset table must agree with Intl for any instant, including zones with
// half-hour DST (Lord Howe), odd offsets (Kathmandu), a month-long DST pause (Casablanca).
function intlOffset(zone: string, t: number): number {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const p = Object.fromEntries(f.formatToParts(new Date(t)).filter((x) => x.type !== 'literal').map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(t / 1000) * 1000;
}

describe('zone offsets and calendar arithmetic', () => {
  it.each(['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Africa/Casablanca', 'America/Santiago', 'UTC'])('offsetAt agrees with Intl in %s', (name) => {
    const zone = new Zone(name);
    const random = rng(name.length);
    for (let i = 0; i < 1500; i++) {
      const t = Date.UTC(1990, 0, 1) + Math.floor(random() * 47 * 365 * 86_400) * 1000;
      expect(zone.offsetAt(t), new Date(t).toISOString()).toBe(intlOffset(name, t));
    }
  });

  it('agrees with Intl on both sides of every 2026 Berlin and New York transition, to the second', () => {
    for (const [name, at] of [
      ['Europe/Berlin', '2026-03-29T01:00:00Z'],
      ['Europe/Berlin', '2026-10-25T01:00:00Z'],
      ['America/New_York', '2026-03-08T07:00:00Z'],
      ['America/New_York', '2026-11-01T06:00:00Z'],
    ] as const) {
      const zone = new Zone(name);
      const t = Date.parse(at);
      for (const dt of [-1000, 0, 1000]) expect(zone.offsetAt(t + dt)).toBe(intlOffset(name, t + dt));
      expect(zone.offsetAt(t - 1000)).not.toBe(zone.offsetAt(t));
    }
  });

  it('fromLocal: skipped wall times land after the jump, repeated ones on the first occurrence', () => {
    const berlin = new Zone('Europe/Berlin');
    expect(new Date(berlin.fromLocal(Date.UTC(2026, 2, 29, 2, 30))).toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(new Date(berlin.fromLocal(Date.UTC(2026, 9, 25, 2, 30))).toISOString()).toBe('2026-10-25T00:30:00.000Z'); // first 02:30
    expect(new Date(berlin.fromLocal(Date.UTC(2026, 10, 20, 12, 0))).toISOString()).toBe('2026-11-20T11:00:00.000Z');
    const ny = new Zone('America/New_York');
    expect(new Date(ny.fromLocal(Date.UTC(2026, 2, 8, 2, 30))).toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
    expect(new Date(ny.fromLocal(Date.UTC(2026, 10, 1, 1, 30))).toISOString()).toBe('2026-11-01T05:30:00.000Z'); // first 01:30 (EDT)
  });

  it('civil dates and ISO weeks match Date and known calendars', () => {
    const random = rng(3);
    for (let i = 0; i < 2000; i++) {
      const days = Math.floor(random() * 50_000) - 1000;
      const d = new Date(days * 86_400_000);
      expect(civilFromDays(days)).toEqual([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
      expect(daysFromCivil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())).toBe(days);
    }
    const week = (iso: string) => isoWeekKey(Date.parse(iso) / 86_400_000);
    expect(week('2026-12-31T00:00:00Z')).toBe(202653);
    expect(week('2027-01-03T00:00:00Z')).toBe(202653);
    expect(week('2027-01-04T00:00:00Z')).toBe(202701);
    expect(week('2021-01-03T00:00:00Z')).toBe(202053);
    expect(week('2024-12-30T00:00:00Z')).toBe(202501);
    expect(week('2026-11-20T00:00:00Z')).toBe(202647);
  });

  it('readIsoInstant agrees with Date.parse on valid input', () => {
    const random = rng(9);
    for (let i = 0; i < 1000; i++) {
      const t = Math.floor(random() * Date.UTC(2100, 0, 1));
      const iso = new Date(t).toISOString();
      expect(readIsoInstant(iso)).toBe(t);
      const offset = iso.replace('Z', '+05:45');
      expect(readIsoInstant(offset)).toBe(Date.parse(offset));
    }
  });
});

describe('readIsoInstant fractions', () => {
  it.each([
    ['2026-11-20T00:00:00.5Z', 500],
    ['2026-11-20T00:00:00.05Z', 50],
    ['2026-11-20T00:00:00.123Z', 123],
    ['2026-11-20T00:00:00.1230Z', 123],
    ['2026-11-20T00:00:00.123000000Z', 123],
    ['2026-11-20T00:00:00.999999999Z', 999],
  ])('%s has %i ms', (iso, ms) => {
    expect(readIsoInstant(iso) - Date.UTC(2026, 10, 20)).toBe(ms);
  });

  it.each(['2026-11-20T00:00:00.Z', '2026-11-20T00:00:00.1234567890Z', '2026-11-20 00:00:00Z', '2026-11-20T00:00:00z', 42 as unknown as string])('rejects %s', (iso) => {
    expect(readIsoInstant(iso)).toBeNaN();
  });
});
