// The timeline's snapshot list in columns (listSnapshotColumns): built by SQLite from a real catalog
// file, decoded by the renderer, it must give the same snapshots as the full listing, oldest first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog, type Catalog } from '../../../electron/core/catalog/index.js';
import type { SnapshotRecord } from '../../../electron/core/jobs/types.js';
import { snapshotMethods } from '../../../shared/contract/snapshots.js';
import { fromColumns, knownTimes, mergeColumns } from '../../../renderer/store/snapshot-columns.js';
import { mergeWhole } from '../../../electron/core/catalog/snapshots-columns-merge.js';
import type { SnapshotColumns } from '../../../shared/contract/snapshots.js';
import { decodeMessage, encodeMessage } from '../../../shared/contract/wire.js';
import type { Snapshot } from '../../../shared/domain.js';

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
/** As the page gets them: through the WebSocket's binary form (typed arrays as views on the message). */
const overTheWire = (c: SnapshotColumns) => decodeMessage(Buffer.from(encodeMessage(c) as Uint8Array)) as SnapshotColumns;
const decoded = (name: string) => fromColumns(overTheWire(cat.snapshots.columns(cat.workloads.get(name))));
/** The snapshots' values as plain objects: the decoded ones read their columns through getters. */
const plain = (list: Snapshot[]): Snapshot[] => JSON.parse(JSON.stringify(list));
/** The times the timeline lays out from are the snapshots' own. */
const timesMatch = (list: Snapshot[]) => expect([...knownTimes(list)!]).toEqual(list.map((s) => Date.parse(s.createdAt)));

describe('snapshot columns', () => {
  it('decode to the same snapshots as the full listing, oldest first', () => {
    const got = decoded('docs');
    expect(got.map((s) => s.id)).toEqual(['c1', 'c2', 'c3']);
    expect(plain(got)).toEqual(expected('docs'));
    expect(Object.keys(got[0]!)).toEqual([]); // nothing but the Snapshot properties is visible
    expect(got[0]!.complete).toBe(false);
    expect(got[1]!.pinned).toBe(true);
    expect(got[2]!.tags).toEqual(['release', 'ünïcode']);
    expect(got[2]!.notes).toBe('line 1\nline "2"');
    timesMatch(got);
  });

  it('travel as words once (types, locations), tags and notes only where present, numbers as typed arrays', () => {
    const c = cat.snapshots.columns(cat.workloads.get('docs'));
    expect(c.types.sort()).toEqual(['hourly', 'manual']);
    expect(c.locations).toEqual(['local']);
    expect([...c.tagged]).toEqual([2]);
    expect([...c.noted]).toEqual([2]);
    expect(c.totalBytes).toBeInstanceOf(Float64Array); // 2^40 + 7 does not fit 32 bits
    expect(c.totalBytes[0]).toBe(2 ** 40 + 7);
    expect(c.fileCount).toBeInstanceOf(Uint32Array);
    expect(c.type).toBeInstanceOf(Uint8Array);
    // every time is toISOString() of its ms: the strings are rebuilt in the page, not sent
    expect(c.createdAt).toBeUndefined();
    expect([...c.time]).toEqual([Date.parse('2026-03-01T00:00:00.000Z'), Date.parse('2026-03-02T00:00:00.000Z'), Date.parse('2026-03-03T00:00:00.000Z')]);
  });

  it('send times spelled any other way as they are, so the page shows what the catalog holds', () => {
    const w = cat.workloads.add({ name: 'odd', engine: 'cas', config: { source: '/tmp', repo: '/tmp/o' }, policy: { keepLast: 1 }, schedule: null });
    cat.snapshots.apply({ upsertSnapshots: [rec(w.id, 'cas', 'o1', '2026-03-01T00:00:00Z'), rec(w.id, 'cas', 'o2', '2026-03-02T00:00:00.000Z')] });
    const c = cat.snapshots.columns(w);
    expect(c.createdAt).toEqual(['2026-03-01T00:00:00Z', '2026-03-02T00:00:00.000Z']);
    expect(decoded('odd').map((s) => s.createdAt)).toEqual(['2026-03-01T00:00:00Z', '2026-03-02T00:00:00.000Z']);
    cat.workloads.remove('odd');
    expect(encodeMessage({ id: 1, result: { ok: true, value: [c] } })).toBeInstanceOf(Uint8Array);
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
    expect(empty.createdAt).toBeUndefined();
    expect(fromColumns(empty)).toHaveLength(0);
  });

  it('follow the catalog after a write', () => {
    cat.snapshots.apply({ removeSnapshots: ['c2'], upsertSnapshots: [rec(cat.workloads.get('docs').id, 'cas', 'c4', '2026-03-04T00:00:00.000Z')] });
    expect(decoded('docs').map((s) => s.id)).toEqual(['c1', 'c3', 'c4']);
  });

  it('answer `since` with only what changed, which merged into the old list gives the new one', () => {
    const docs = cat.workloads.get('docs');
    const before = cat.snapshots.columns(docs);
    const old = fromColumns(before);
    cat.snapshots.apply({ removeSnapshots: ['c1'], upsertSnapshots: [rec(docs.id, 'cas', 'c0', '2026-02-01T00:00:00.000Z'), rec(docs.id, 'cas', 'c5', '2026-03-05T00:00:00.000Z')] });
    cat.snapshots.update('c3', { notes: 'edited' });
    const delta = cat.snapshots.columns(docs, before.version);
    expect(delta.removed).toEqual(['c1']);
    expect(delta.id).toEqual(['c0', 'c3', 'c5']);
    expect(delta.version).not.toBe(before.version);
    const merged = mergeColumns(old, overTheWire(delta));
    expect(plain(merged)).toEqual(plain(fromColumns(cat.snapshots.columns(docs))));
    timesMatch(merged);
    expect(merged.find((x) => x.id === 'c3')!.notes).toBe('edited');
    // nothing since: an empty answer, and the very same array back
    const none = cat.snapshots.columns(docs, delta.version);
    expect(none.id).toEqual([]);
    expect(none.removed).toEqual([]);
    expect(mergeColumns(merged, none)).toBe(merged);
    // another workload's writes are not this one's changes
    cat.snapshots.apply({ upsertSnapshots: [rec(cat.workloads.get('tank').id, 'zfs', 'z9', '2026-03-09T00:00:00.000Z')] });
    expect(cat.snapshots.columns(docs, delta.version).id).toEqual([]);
  });

  it('serve the whole list again from memory until a write touches the workload', () => {
    const docs = cat.workloads.get('docs');
    const first = cat.snapshots.columns(docs);
    expect(cat.snapshots.columns(docs)).toBe(first);
    cat.snapshots.update('z9', { notes: 'another workload' });
    expect(cat.snapshots.columns(docs)).toBe(first);
    cat.snapshots.update('c0', { notes: 'this one' });
    const after = cat.snapshots.columns(docs);
    expect(after).not.toBe(first);
    expect(fromColumns(after).find((x) => x.id === 'c0')!.notes).toBe('this one');
  });

  it('answer with the whole list when `since` cannot be known: another process wrote, or a foreign version', () => {
    const docs = cat.workloads.get('docs');
    const v = cat.snapshots.columns(docs).version;
    const other = openCatalog(dir); // a CLI run next to the app
    try {
      other.snapshots.apply({ upsertSnapshots: [rec(docs.id, 'cas', 'c6', '2026-03-06T00:00:00.000Z')] });
    } finally {
      other.close();
    }
    const after = cat.snapshots.columns(docs, v);
    expect(after.removed).toBeUndefined();
    expect(after.id).toContain('c6');
    expect(after.id.length).toBeGreaterThan(3);
    expect(cat.snapshots.columns(docs, 'not.a.version').removed).toBeUndefined();
    expect(plain(mergeColumns(fromColumns(after), cat.snapshots.columns(docs, 'x.1.2')))).toEqual(plain(fromColumns(after)));
  });

  it('bring the host’s list in memory up to date from the written rows alone, as a fresh read gives it', () => {
    const w = cat.workloads.add({ name: 'busy', engine: 'zfs', config: { dataset: 'p/busy' }, policy: { keepLast: 1 }, schedule: null });
    const day = (d: number) => `2026-04-${String(d).padStart(2, '0')}T00:00:00.000Z`;
    cat.snapshots.apply({ upsertSnapshots: [1, 2, 3, 4, 5, 6].map((d) => rec(w.id, 'zfs', `b${d}`, day(d), { type: d === 3 ? 'weekly' : 'hourly', tags: d === 2 ? ['keep'] : [] })) });
    const fresh = () => {
      const other = openCatalog(dir); // its own memory: reads the whole list
      try {
        return plain(fromColumns(other.snapshots.columns(other.workloads.get('busy'))));
      } finally {
        other.close();
      }
    };
    const steps: (() => void)[] = [
      // a backup at the end, one back-dated to the start, and the only weekly one removed
      () => cat.snapshots.apply({ upsertSnapshots: [rec(w.id, 'zfs', 'b7', day(7), { type: 'manual' }), rec(w.id, 'zfs', 'b0', day(1))], removeSnapshots: ['b3'] }),
      // edits: tags away and on, notes, a pin
      () => (cat.snapshots.update('b2', { tags: [] }), cat.snapshots.update('b5', { tags: ['x', 'y'], notes: 'n', pinned: true })),
      // the first remote copy (a guid appears), then it goes again
      () => cat.snapshots.apply({ upsertSnapshots: [rec(w.id, 'zfs', 'b4-r', day(4), { location: 'remote', meta: { guid: '77' } })] }),
      () => cat.snapshots.apply({ removeSnapshots: ['b4-r'] }),
    ];
    let held = cat.snapshots.columns(w);
    for (const step of steps) {
      step();
      const delta = cat.snapshots.columns(w, held.version);
      const merged = mergeWhole(held, delta, new Set([...delta.id, ...delta.removed!]));
      expect(plain(fromColumns(merged))).toEqual(fresh());
      expect(merged.guid === undefined).toBe(merged.locations.length === 1);
      expect([...merged.time]).toEqual(plain(fromColumns(merged)).map((s) => Date.parse(s.createdAt)));
      // and the host's own answer for the whole list, which takes that path
      expect(plain(fromColumns(cat.snapshots.columns(w)))).toEqual(fresh());
      held = merged;
    }
    expect(held.types.sort()).toEqual(['hourly', 'manual']);
    cat.workloads.remove('busy');
  });

  it('refuse a `since` without the workload it belongs to, and anything but the two fields', () => {
    const schema = snapshotMethods.listSnapshotColumns.input;
    expect(schema.safeParse({ since: 'a.1.2' }).success).toBe(false);
    expect(schema.safeParse({ name: 'docs', since: 'x'.repeat(101) }).success).toBe(false);
    expect(schema.safeParse({ name: 'docs', fields: 'all' }).success).toBe(false);
    expect(schema.safeParse({ name: 'docs', since: 'a.1.2' }).success).toBe(true);
  });
});
