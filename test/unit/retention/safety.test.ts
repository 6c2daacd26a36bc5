import { describe, expect, it } from 'vitest';
import { explain, pruneSafety, type ExplainResult } from '../../../shared/retention/index.js';
import { snaps } from './helpers.js';

const ten = snaps(Array.from({ length: 10 }, (_, i) => `2026-11-${String(10 + i).padStart(2, '0')}T12:00:00Z`));

describe('pruneSafety', () => {
  it('deleting at most half, and not the newest, needs no confirmation', () => {
    const r = explain(ten, { keepLast: 5 });
    expect(pruneSafety(r, ten)).toEqual({ needsConfirmation: false, reasons: [] });
  });

  it('deleting more than half needs confirmation', () => {
    const r = explain(ten, { keepLast: 4 });
    expect(pruneSafety(r, ten)).toEqual({ needsConfirmation: true, reasons: ['would delete 6 of 10 snapshots (more than half)'] });
  });

  it('deleting the newest snapshot needs confirmation', () => {
    const typed = ten.map((s, i) => ({ ...s, type: i === 9 ? 'manual' : 'daily' }));
    const r = explain(typed, { keepByType: { daily: 9 } });
    expect(r.deleted).toBe(1);
    expect(pruneSafety(r, typed)).toEqual({ needsConfirmation: true, reasons: ['would delete the newest snapshot s10 (2026-11-19T12:00:00Z)'] });
  });

  it('"latest = 2" on a workload with 600 snapshots: both rails fire', () => {
    const many = snaps(Array.from({ length: 600 }, (_, i) => new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString()).map((createdAt, i) => ({ createdAt, type: i === 599 ? 'manual' : 'hourly' })));
    const s = pruneSafety(explain(many, { keepByType: { hourly: 2 } }), many);
    expect(s.needsConfirmation).toBe(true);
    expect(s.reasons).toEqual(['would delete 598 of 600 snapshots (more than half)', `would delete the newest snapshot s600 (${many[599]!.createdAt})`]);
  });

  it('same-second newest: the greater id is the newest, as in explain', () => {
    const tie = snaps([{ id: 'a', createdAt: '2026-11-20T00:00:00Z', type: 'x' }, { id: 'b', createdAt: '2026-11-20T00:00:00Z', type: 'y' }, { id: 'c', createdAt: '2026-11-19T00:00:00Z', type: 'x' }]);
    const r = explain(tie, { keepByType: { x: 2 } });
    expect(pruneSafety(r, tie).reasons).toEqual(['would delete the newest snapshot b (2026-11-20T00:00:00Z)']);
  });

  it('refuses a result that would delete a pinned or protected snapshot', () => {
    const pinned = ten.map((s, i) => ({ ...s, pinned: i === 0 }));
    const r = explain(pinned, { keepLast: 9 });
    expect(r.items.find((i) => i.id === 's01')!.keep).toBe(true);
    const tampered: ExplainResult = { ...r, items: r.items.map((i) => (i.id === 's01' ? { ...i, keep: false, reasons: [] } : i)) };
    expect(() => pruneSafety(tampered, pinned)).toThrow('refusing to prune: pinned snapshot s01 is marked for deletion');
    const r2 = explain(ten, { keepLast: 9 });
    expect(() => pruneSafety(r2, ten, [{ id: 's01', reason: 'oldest at remote' }])).toThrow('refusing to prune: protected snapshot s01 is marked for deletion');
  });

  it('an empty workload needs nothing', () => {
    expect(pruneSafety(explain([], { keepLast: 1 }), [])).toEqual({ needsConfirmation: false, reasons: [] });
  });
});
