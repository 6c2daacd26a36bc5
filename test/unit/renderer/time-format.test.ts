import { describe, expect, it } from 'vitest';
import { formatAgo, formatClock, formatDate, formatDateTime } from '../../../renderer/lib/time.js';

// Times are shown in the user's time zone: built here from local fields, whatever zone the tests run in.
const local = (...f: [number, number, number, number?, number?, number?]) => new Date(f[0], f[1], f[2], f[3] ?? 0, f[4] ?? 0, f[5] ?? 0).toISOString();

describe('dates as the app writes them (by hand, no Intl: the axis shape, a 24-hour clock, local time)', () => {
  it('write a date, a date and time, and a clock', () => {
    expect(formatDate(local(2026, 11, 3, 14, 5, 9))).toBe('Dec 3, 2026');
    expect(formatDateTime(local(2026, 11, 3, 14, 5, 9))).toBe('Dec 3, 2026, 14:05:09');
    expect(formatDateTime(local(2027, 0, 31))).toBe('Jan 31, 2027, 00:00:00');
    expect(formatClock(local(2026, 5, 1, 9, 0, 7))).toBe('09:00:07');
  });

  it('write a dash for a time that is not one, instead of "Invalid Date"', () => {
    for (const f of [formatDate, formatDateTime, formatClock]) expect(f('not a time')).toBe('—');
  });

  it('say how long ago, then the date after two weeks', () => {
    const now = Date.parse(local(2026, 11, 20, 12));
    expect(formatAgo(local(2026, 11, 20, 11, 59, 30), now)).toBe('just now');
    expect(formatAgo(local(2026, 11, 20, 9), now)).toBe('3 h ago');
    expect(formatAgo(local(2026, 11, 1), now)).toBe('Dec 1, 2026');
    expect(formatAgo(null, now)).toBe('never');
  });
});
