import { describe, expect, it } from 'vitest';
import { explain, KEEPS_NOTHING_MESSAGE, parseDuration, retentionPolicySchema } from '../../../shared/retention/index.js';
import { CodedError } from '../../../shared/result.js';
import { snaps } from './helpers.js';

const three = snaps(['2026-11-18T10:00:00Z', '2026-11-19T10:00:00Z', '2026-11-20T10:00:00Z']);

describe('policy schema', () => {
  it.each([
    [{}],
    [{ keepLast: 3, keepWithin: '7d', keepHourly: 24, keepDaily: 7, keepWeekly: 4, keepMonthly: 12, keepYearly: 5, keepByType: { hourly: 24, daily: 7 }, keepTags: ['release'] }],
    [{ keepWithin: '36h' }],
    [{ keepWithin: '1y6m' }],
    [{ keepWithin: '2w3d' }],
    [{ keepTags: ['release'] }],
    [{ keepByType: { hourly: 1, daily: 0 } }],
    [{ keepLast: 0, keepDaily: 1 }],
  ])('accepts %j', (p) => {
    expect(retentionPolicySchema.safeParse(p).success).toBe(true);
  });

  it.each([
    [{ keepLast: -1 }, 'negative'],
    [{ keepLast: 1.5 }, 'whole number'],
    [{ keepWithin: '7' }, 'duration'],
    [{ keepWithin: '0d' }, 'duration'],
    [{ keepWithin: '7x' }, 'duration'],
    [{ keepWithin: 'd7' }, 'duration'],
    [{ keepWithin: '6m1y' }, 'duration'],
    [{ keepDayly: 7 }, ''],
    [{ keepLast: '3' }, ''],
  ])('rejects %j', (p, message) => {
    const r = retentionPolicySchema.safeParse(p);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toContain(message);
  });

  it.each([[{ keepLast: 0 }], [{ keepDaily: 0, keepWeekly: 0 }], [{ keepByType: { hourly: 0 } }], [{ keepByType: {} }], [{ keepTags: [] }], [{ keepLast: 0, keepTags: [], keepByType: { x: 0 } }]])(
    'refuses %j: it keeps nothing',
    (p) => {
      const r = retentionPolicySchema.safeParse(p);
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.message).toBe(KEEPS_NOTHING_MESSAGE);
      expect(() => explain(three, p)).toThrow(KEEPS_NOTHING_MESSAGE);
    },
  );

  it('explain refuses a keep-nothing policy with a coded one-line error', () => {
    try {
      explain(three, { keepLast: 0 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CodedError);
      expect((e as CodedError).code).toBe('bad-input');
      expect((e as CodedError).message).not.toContain('\n');
    }
  });

  it('explain names the bad field of an invalid policy', () => {
    expect(() => explain(three, { keepDaily: -2 })).toThrow(/invalid retention policy: keepDaily: a count cannot be negative/);
    expect(() => explain(three, null)).toThrow(/invalid retention policy/);
  });

  it('an empty policy keeps everything, and says so', () => {
    const r = explain(three, {});
    expect(r.kept).toBe(3);
    expect(r.deleted).toBe(0);
    for (const item of r.items) expect(item.reasons).toEqual(['no policy: keep all']);
  });

  it('parses durations into calendar units', () => {
    expect(parseDuration('1y6m2w3d12h')).toEqual({ years: 1, months: 6, days: 17, hours: 12 });
    expect(parseDuration('36h')).toEqual({ years: 0, months: 0, days: 0, hours: 36 });
  });
});
