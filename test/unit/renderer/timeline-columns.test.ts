// The timeline's snapshot list in columns (listSnapshotColumns): built by SQLite from a real catalog
// file, decoded by the renderer, it must give the same snapshots as the full listing, oldest first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog, type Catalog } from '../../../electron/core/catalog/index.js';
import type { SnapshotRecord } from '../../../electron/core/jobs/types.js';
import { fromColumns } from '../../../renderer/store/snapshot-columns.js';

let dir: string;
let cat: Catalog;

const rec = (workloadId: string, engine: SnapshotRecord['engine'], id: string, createdAt: string, extra: Partial<SnapshotRecord> = {}): SnapshotRecord => ({
  id, workloadId, engine, type: 'hourly', tags: [], notes: '', createdAt, complete: true, fileCount: 3, totalBytes: 2 ** 40 + 7, storedBytes: 9, newChunks: 1, dedupChunks: 2, durationMs: 5, location: 'local', meta: { hostname: 'h', warnings: ['a "quoted" one'] }, ...extra,
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tm-columns-'));
  cat = openCatalog(dir);
  const cas = cat.workloads.add({ name: 'docs', engine: 'cas', config: { source: '/tmp', repo: '/tmp/r' }, policy: { keepLast: 1 }, schedule: null });
  const zfs = cat.workloads.add({ name: 'tank', engine: 'zfs', config: { dataset: 'p/ds' }, policy: { keepLast: 1 }, schedule: null });
  cat.workloads.add({ name: 'empty', engine: 'disk', config: { image: '/tmp/x.img' }, policy: { keepLast: 1 }, schedule: null });
  // recorded out of time order, with odd strings, tags, notes, an incomplete and a pinned one
  cat.snapshots.apply({
    upsertSnapshots: [
      rec(cas.id, 'cas', 'c3', '2026-03-03T00:00:00.000Z', { tags: ['release', 'ünïcode'], notes: 'line 1\nline "2"' }),
      rec(cas.id, 'cas', 'c1', '2026-03-01T00:00:00.000Z', { complete: false, type: 'manual' }),
      rec(cas.id, 'cas', 'c2', '2026-03-02T00:00:00.000Z'),
      rec(zfs.id, 'zfs', 'z2-remote', '2026-03-02T00:00:00.000Z', { location: 'remote', meta: { guid: '18446744073709551615' } }),
      rec(zfs.id, 'zfs', 'z1', '2026-03-01T00:00:00.000Z', { meta: { guid: '42' } }),
      rec(zfs.id, 'zfs', 'z2', '2026-03-02T00:00:00.000Z', { meta: { guid: '18446744073709551615' } }),
      rec(zfs.id, 'zfs', 'z0', '2026-02-28T00:00:00.000Z', { meta: {} }),
    ],
  });
  cat.snapshots.update('c2', { pinned: true });
});

afterAll(() => {
  cat?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What the renderer keeps of a full snapshot: everything but the engine extras, except zfs's guid. */
const expected = (name: string) => {
  const w = cat.workloads.get(name);
  return cat.snapshots
    .list(w.id)
    .reverse()
    .map((s) => ({ ...s, meta: s.meta.guid === undefined || name !== 'tank' ? {} : { guid: s.meta.guid } }));
};
const decoded = (name: string) => fromColumns(cat.snapshots.columns(cat.workloads.get(name)));

describe('snapshot columns', () => {
  it('decode to the same snapshots as the full listing, oldest first', () => {
    const got = decoded('docs');
    expect(got.map((s) => s.id)).toEqual(['c1', 'c2', 'c3']);
    expect(got).toEqual(expected('docs'));
    expect(got[0]!.complete).toBe(false);
    expect(got[1]!.pinned).toBe(true);
    expect(got[2]!.tags).toEqual(['release', 'ünïcode']);
    expect(got[2]!.notes).toBe('line 1\nline "2"');
  });

  it('keep the zfs guid (a u64, as text) that links copies across locations, and nothing else of meta', () => {
    const got = decoded('tank');
    expect(got.map((s) => s.createdAt)).toEqual([...got.map((s) => s.createdAt)].sort());
    expect(new Map(got.map((s) => [s.id, s.meta]))).toEqual(new Map(expected('tank').map((s) => [s.id, s.meta])));
    expect(got.find((s) => s.id === 'z2-remote')!.meta).toEqual({ guid: '18446744073709551615' });
    expect(got.find((s) => s.id === 'z0')!.meta).toEqual({});
  });

  it('leave the guid column out where there is one location only, and give empty columns for a workload without snapshots', () => {
    expect(cat.snapshots.columns(cat.workloads.get('docs')).guid).toBeUndefined();
    cat.snapshots.apply({ removeSnapshots: ['z2-remote'] });
    expect(cat.snapshots.columns(cat.workloads.get('tank')).guid).toBeUndefined();
    const empty = cat.snapshots.columns(cat.workloads.get('empty'));
    expect(empty.id).toEqual([]);
    expect(empty.createdAt).toEqual([]);
    expect(fromColumns(empty)).toEqual([]);
  });

  it('follow the catalog after a write', () => {
    cat.snapshots.apply({ removeSnapshots: ['c2'], upsertSnapshots: [rec(cat.workloads.get('docs').id, 'cas', 'c4', '2026-03-04T00:00:00.000Z')] });
    expect(decoded('docs').map((s) => s.id)).toEqual(['c1', 'c3', 'c4']);
  });
});
