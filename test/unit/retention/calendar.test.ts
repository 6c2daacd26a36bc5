import { describe, expect, it } from 'vitest';
import { explain } from '../../../shared/retention/index.js';
import { hoursAfter, keptIds, reasonsOf, snaps } from './helpers.js';

describe('explain: calendars, zones and gaps', () => {
  it('two weeks offline: time buckets skip empty days, so the history survives', () => {
    // daily backups 1–31 October, then the laptop is off until 15 November
    const october = snaps(Array.from({ length: 31 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}T12:00:00Z`));
    const r = explain(october, { keepDaily: 7, keepWithin: '3d' }, { now: '2026-11-15T09:00:00Z', timeZone: 'UTC' });
    expect(keptIds(r)).toEqual(['s31', 's30', 's29', 's28', 's27', 's26', 's25']);
    expect(reasonsOf(r, 's31')).toEqual(['daily 2026-10-31 (1/7)', 'within 3d']);
    expect(reasonsOf(r, 's28')).toEqual(['daily 2026-10-28 (4/7)']);
  });

  it('two weeks offline: a machine that stops backing up never ages out its own history', () => {
    const old = snaps(['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z']);
    const r = explain(old, { keepWithin: '7d' }, { now: '2030-01-01T00:00:00Z' });
    expect(r.deleted).toBe(0);
  });

  it('days are local days of the given zone', () => {
    // 23:30 UTC is already the next day in Berlin (UTC+1 in November)
    const s = snaps(['2026-11-20T12:00:00Z', '2026-11-20T23:30:00Z']);
    expect(keptIds(explain(s, { keepDaily: 1 }, { timeZone: 'UTC' }))).toEqual(['s02']);
    expect(reasonsOf(explain(s, { keepDaily: 1 }, { timeZone: 'UTC' }), 's02')).toEqual(['daily 2026-11-20 (1/1)']);
    const berlin = explain(s, { keepDaily: 5 }, { timeZone: 'Europe/Berlin' });
    expect(keptIds(berlin)).toEqual(['s02', 's01']);
    expect(reasonsOf(berlin, 's02')).toEqual(['daily 2026-11-21 (1/5)']);
    expect(reasonsOf(berlin, 's01')).toEqual(['daily 2026-11-20 (2/5)']);
  });

  it('Europe/Berlin spring change: the skipped 02h hour is simply absent, days stay whole', () => {
    // 2026-03-29: clocks jump 02:00 CET → 03:00 CEST (01:00 UTC). Hourly from 22:00 UTC on the 28th.
    const s = snaps(Array.from({ length: 6 }, (_, i) => hoursAfter('2026-03-28T22:00:00Z', i)));
    const r = explain(s, { keepHourly: 24 }, { timeZone: 'Europe/Berlin' });
    expect(r.items.map((i) => i.reasons[0])).toEqual([
      'hourly 2026-03-29 05h (1/24)',
      'hourly 2026-03-29 04h (2/24)',
      'hourly 2026-03-29 03h (3/24)',
      'hourly 2026-03-29 01h (4/24)',
      'hourly 2026-03-29 00h (5/24)',
      'hourly 2026-03-28 23h (6/24)',
    ]);
    const daily = explain(s, { keepDaily: 2 }, { timeZone: 'Europe/Berlin' });
    expect(keptIds(daily)).toEqual(['s06', 's01']);
    expect(reasonsOf(daily, 's01')).toEqual(['daily 2026-03-28 (2/2)']);
  });

  it('Europe/Berlin autumn change: the repeated 02h hour is one local hour (restic semantics)', () => {
    // 2026-10-25: 03:00 CEST → 02:00 CET at 01:00 UTC; 00:00Z and 01:00Z are both 02:xx local
    const s = snaps(Array.from({ length: 6 }, (_, i) => hoursAfter('2026-10-24T22:00:00Z', i)));
    const r = explain(s, { keepHourly: 3 }, { timeZone: 'Europe/Berlin' });
    expect(keptIds(r)).toEqual(['s06', 's05', 's04']);
    expect(reasonsOf(r, 's04')).toEqual(['hourly 2026-10-25 02h (3/3)']);
    expect(reasonsOf(r, 's03')).toEqual([]); // 00:00Z = 02:00 CEST, the same local hour as s04
    const all = explain(s, { keepHourly: 24 }, { timeZone: 'Europe/Berlin' });
    expect(all.kept).toBe(5); // six snapshots in five local hours
    const daily = explain(s, { keepDaily: 1 }, { timeZone: 'Europe/Berlin' });
    expect(keptIds(daily)).toEqual(['s06']); // all six are on 2026-10-25 local
  });

  it('keepWithin across the spring change counts calendar days in the zone', () => {
    // 1d back from 2026-03-29 12:00 CEST is 2026-03-28 12:00 CET: 23 hours earlier
    const s = snaps(['2026-03-28T10:59:59Z', '2026-03-28T11:00:00Z', '2026-03-28T11:00:01Z', '2026-03-29T10:00:00Z']);
    expect(keptIds(explain(s, { keepWithin: '1d' }, { timeZone: 'Europe/Berlin' }))).toEqual(['s04', 's03']);
    // in UTC the day is 24 hours: the cutoff is 10:00Z and all four are within
    expect(keptIds(explain(s, { keepWithin: '1d' }, { timeZone: 'UTC' }))).toEqual(['s04', 's03', 's02', 's01']);
  });

  it('ISO week 53: 2026-12-28 … 2027-01-03 is 2026-W53; yearly still uses the calendar year', () => {
    const s = snaps(['2026-12-21T12:00:00Z', '2026-12-28T12:00:00Z', '2026-12-31T12:00:00Z', '2027-01-01T12:00:00Z', '2027-01-03T12:00:00Z', '2027-01-04T12:00:00Z']);
    const r = explain(s, { keepWeekly: 3, keepYearly: 2 }, { timeZone: 'UTC' });
    expect(keptIds(r)).toEqual(['s06', 's05', 's03', 's01']);
    expect(reasonsOf(r, 's06')).toEqual(['weekly 2027-W01 (1/3)', 'yearly 2027 (1/2)']);
    expect(reasonsOf(r, 's05')).toEqual(['weekly 2026-W53 (2/3)']);
    expect(reasonsOf(r, 's03')).toEqual(['yearly 2026 (2/2)']);
    expect(reasonsOf(r, 's01')).toEqual(['weekly 2026-W52 (3/3)']);
  });

  it('ISO week 1 can start in December: 2025-12-29 is 2026-W01', () => {
    const r = explain(snaps(['2025-12-29T12:00:00Z']), { keepWeekly: 1 });
    expect(reasonsOf(r, 's01')).toEqual(['weekly 2026-W01 (1/1)']);
  });

  it('zones west of UTC and with half-hour offsets', () => {
    const s = snaps(['2026-11-21T03:00:00Z']);
    expect(reasonsOf(explain(s, { keepDaily: 1 }, { timeZone: 'America/New_York' }), 's01')).toEqual(['daily 2026-11-20 (1/1)']);
    expect(reasonsOf(explain(s, { keepHourly: 1 }, { timeZone: 'Asia/Kolkata' }), 's01')).toEqual(['hourly 2026-11-21 08h (1/1)']);
  });

  it('an unknown zone is a one-line bad-input error', () => {
    expect(() => explain([], { keepLast: 1 }, { timeZone: 'Mars/Olympus' })).toThrow('unknown time zone "Mars/Olympus" (use an IANA name like Europe/Berlin or UTC)');
  });
});
