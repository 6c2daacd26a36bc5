import { describe, expect, it } from 'vitest';
import { retentionMethods } from '../../../shared/contract/retention.js';
import { localTimeZone, retentionHandlers } from '../../../electron/core/handlers/retention.js';
import { snaps } from './helpers.js';

const { explainRetention, simulateRetention } = retentionMethods;
const week = snaps(Array.from({ length: 10 }, (_, i) => `2026-11-${String(10 + i).padStart(2, '0')}T12:00:00Z`));

describe('retention contract', () => {
  it('accepts a well-formed explain call and answers with the safety rails', async () => {
    const input = explainRetention.input.parse({ policy: { keepLast: 2 }, snapshots: week, now: '2026-11-20T00:00:00Z', timeZone: 'Europe/Berlin' });
    const r = await retentionHandlers.explainRetention(input);
    expect(r.kept).toBe(2);
    expect(r.timeZone).toBe('Europe/Berlin');
    expect(r.safety).toEqual({ needsConfirmation: true, reasons: ['would delete 8 of 10 snapshots (more than half)'] });
  });

  it('defaults the zone to this machine’s', async () => {
    const r = await retentionHandlers.explainRetention(explainRetention.input.parse({ policy: {}, snapshots: week }));
    expect(r.timeZone).toBe(localTimeZone());
  });

  it.each([
    ['a keep-nothing policy', { policy: { keepLast: 0 }, snapshots: week }, 'keeps nothing'],
    ['an unknown zone', { policy: {}, snapshots: week, timeZone: 'Atlantis/Capital' }, 'not a known time zone'],
    ['an unknown key', { policy: {}, snapshots: week, extra: true }, ''],
    ['a snapshot with an unknown key', { policy: {}, snapshots: [{ ...week[0], size: 1 }] }, ''],
    ['a huge id', { policy: {}, snapshots: [{ id: 'x'.repeat(10_000), createdAt: '2026-11-20T00:00:00Z' }] }, ''],
    ['negative bytes', { policy: {}, snapshots: [{ ...week[0], bytes: -1 }] }, ''],
    ['too many snapshots', { policy: {}, snapshots: Array.from({ length: 200_001 }, (_, i) => ({ id: `s${i}`, createdAt: '2026-11-20T00:00:00Z' })) }, 'at most 200,000 snapshots'],
  ])('refuses %s', (_what, input, message) => {
    const r = explainRetention.input.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toContain(message);
  });

  it('names the snapshot whose time is not ISO 8601', () => {
    const r = explainRetention.input.safeParse({ policy: {}, snapshots: [week[0], { id: 'a', createdAt: '2026-11-20 10:00' }] });
    expect(r.error!.issues[0]).toMatchObject({ path: ['snapshots', 1, 'createdAt'], message: 'an ISO 8601 time with a zone, e.g. 2026-11-20T13:00:00Z' });
    expect(explainRetention.input.safeParse({ policy: {}, snapshots: [], now: 'tomorrow' }).success).toBe(false);
  });

  it('duplicate ids pass the schema but the handler refuses them with a coded error', async () => {
    await expect(retentionHandlers.explainRetention(explainRetention.input.parse({ policy: {}, snapshots: [week[0], week[0]] }))).rejects.toMatchObject({ code: 'bad-input', message: expect.stringContaining('duplicate snapshot id') });
  });

  it('simulate: bounded days, validated schedule, an answer with the steady state', async () => {
    const input = simulateRetention.input.parse({ policy: { keepLast: 5 }, schedule: [{ type: 'hourly', every: '1h' }], days: 2, snapshotBytes: 10, timeZone: 'UTC', start: '2026-11-01T00:00:00Z' });
    const r = await retentionHandlers.simulateRetention(input);
    expect(r.total).toBe(5);
    expect(r.storageBytes).toBe(50);
    expect(simulateRetention.input.safeParse({ ...input, days: 3661 }).success).toBe(false);
    expect(simulateRetention.input.safeParse({ ...input, days: 1.5 }).success).toBe(false);
    expect(simulateRetention.input.safeParse({ ...input, schedule: [] }).success).toBe(false);
    expect(simulateRetention.input.safeParse({ ...input, schedule: Array.from({ length: 33 }, () => ({ type: 'h', every: '1h' })) }).success).toBe(false);
  });
});
