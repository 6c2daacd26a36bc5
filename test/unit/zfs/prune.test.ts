import { describe, expect, it } from 'vitest';
import { catalogProtections } from '../../../electron/core/engines/zfs/adapter.js';
import { explainPerDataset } from '../../../electron/core/engines/zfs/prune.js';
import { snapshotId, toRecords } from '../../../electron/core/engines/zfs/records.js';
import type { Snapshot } from '../../../shared/domain.js';
import { explain, type RetentionPolicy } from '../../../shared/retention/index.js';
import { copyOf, hourlies, makePlan, side, snap } from './fixtures.js';

const catalog = (inv: ReturnType<typeof side>, location: 'local' | 'remote'): Snapshot[] => toRecords('w1', inv, location).map((r) => ({ ...r, workload: 'w', pinned: false }));
const asRetention = (list: Snapshot[]) => list.map((s) => ({ id: s.id, createdAt: s.createdAt, type: s.type, bytes: s.storedBytes }));

function prune(list: Snapshot[], all: Snapshot[], policy: RetentionPolicy) {
  return explainPerDataset(list, asRetention(list), policy, { timeZone: 'UTC', now: new Date(Date.UTC(2026, 10, 20)), protections: catalogProtections(all) });
}

describe('zfs prune: one retention series per dataset', () => {
  // a recursive snapshot: the same names in both datasets, each with its own guid
  const tree = side('tank/data', { '': hourlies(6), a: hourlies(6).map((s) => ({ ...s, guid: `a-${s.guid}` })) });

  it('keeps keepLast per dataset, as the planner’s local target does', () => {
    const list = catalog(tree, 'local');
    const r = prune(list, list, { keepLast: 2 });
    expect(r.items).toHaveLength(12);
    const plan = makePlan({ local: tree, localPolicy: { keepLast: 2 } });
    const planned = plan.datasets.flatMap((d) => d.localTarget.map((t) => [snapshotId('local', t.guid), t.keep] as const));
    expect(new Map(r.items.map((i) => [i.id, i.keep]))).toEqual(new Map(planned));
    // per dataset: hourly-1 (oldest, protected), hourly-5 and -6 kept
    expect(r.kept).toBe(6);
    expect(r.deleted).toBe(6);
    expect(r.bytesFreed).toBe(6000);
    // one series over both datasets would have kept two snapshots in all (plus the protected oldest)
    expect(explain(asRetention(list), { keepLast: 2 }, { timeZone: 'UTC', protections: catalogProtections(list) }).kept).toBe(4);
    // newest first
    const times = r.items.map((i) => Date.parse(i.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('orders snapshots of the same second by createtxg, not by guid', () => {
    const same = [snap('hourly-x', 1, { guid: '9', createtxg: 10 }), snap('hourly-y', 1, { guid: '1', createtxg: 11 }), snap('hourly-z', 1, { guid: '5', createtxg: 12 })];
    const list = catalog(side('tank/data', { '': same }), 'local');
    const r = prune(list, [], { keepLast: 1 });
    expect(r.items.filter((i) => i.keep).map((i) => i.id)).toEqual([snapshotId('local', '5')]);
    // the items still carry the snapshots' real creation time
    expect(new Set(r.items.map((i) => i.createdAt)).size).toBe(1);
  });

  it('never deletes the latest snapshot shared with the other side', () => {
    const local = hourlies(5);
    const remote = side('vault/backup', { '': [copyOf(local[1]!)] });
    const l = catalog(side('tank/data', { '': local }), 'local');
    const r = catalog(remote, 'remote');
    const res = prune(l, [...l, ...r], { keepLast: 1 });
    expect(res.items.find((i) => i.id === snapshotId('local', local[1]!.guid))).toMatchObject({ keep: true, reasons: expect.arrayContaining([expect.stringMatching(/latest shared/)]) });
  });
});
