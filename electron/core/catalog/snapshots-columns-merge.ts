import type { NumberColumn, SnapshotColumns } from '../../../shared/contract/snapshots.js';

type Numbers = 'fileCount' | 'totalBytes' | 'storedBytes' | 'newChunks' | 'dedupChunks' | 'durationMs';
const NUMBERS: Numbers[] = ['fileCount', 'totalBytes', 'storedBytes', 'newChunks', 'dedupChunks', 'durationMs'];

/** One answer's words (types or locations) in the merged dictionary: index → merged index. */
function unite(words: string[], extra: string[]): { words: string[]; remap: number[] } {
  const all = [...words];
  const remap = extra.map((w) => {
    const at = all.indexOf(w);
    return at >= 0 ? at : all.push(w) - 1;
  });
  return { words: all, remap };
}

/** An index into `words` words, one byte wide while it can be (the wire's dictionary columns). */
export const indexArray = (n: number, words: number) => (words <= 256 ? new Uint8Array(n) : new Uint16Array(n));

/** Only the words still in use (a type or location whose last snapshot went), as a fresh read gives them. */
function compact(words: string[], index: Uint8Array | Uint16Array): { words: string[]; index: Uint8Array | Uint16Array } {
  const used = new Uint8Array(words.length);
  for (const k of index) used[k] = 1;
  if (used.every((u) => u === 1)) return { words, index };
  const kept = words.filter((_, k) => used[k]);
  const to = words.map((w) => kept.indexOf(w));
  const out = indexArray(index.length, kept.length);
  index.forEach((k, r) => (out[r] = to[k]!));
  return { words: kept, index: out };
}

/**
 * A workload's whole list brought up to date without reading it again: `old` without the `touched`
 * snapshots, and `delta` (the touched ones that still exist, oldest first) merged in by time; at equal
 * times the older record first, as the renderer's merge does. After a backup or an edit this costs a
 * few ms instead of the 50,000-row query (~150 ms) the next page load would otherwise wait for.
 */
export function mergeWhole(old: SnapshotColumns, delta: SnapshotColumns, touched: ReadonlySet<string>): SnapshotColumns {
  // The result as runs: consecutive old rows kept (copied as slices, which is most of 50,000) and
  // single delta rows; at equal times the older record first, as the renderer's merge does.
  const runs: { old: boolean; from: number; to: number; len: number }[] = [];
  let r = 0;
  let j = 0;
  const takeDelta = (limit: number) => {
    while (j < delta.id.length && delta.time[j]! < limit) runs.push({ old: false, from: j++, to: r++, len: 1 });
  };
  for (let i = 0; i < old.id.length; i++) {
    if (touched.has(old.id[i]!)) continue;
    takeDelta(old.time[i]!);
    const last = runs[runs.length - 1];
    if (last?.old && last.from + last.len === i) last.len++;
    else runs.push({ old: true, from: i, to: r, len: 1 });
    r++;
  }
  takeDelta(Infinity);
  const n = r;

  const types = unite(old.types, delta.types);
  const locations = unite(old.locations, delta.locations);
  const type = indexArray(n, types.words.length);
  const location = indexArray(n, locations.words.length);
  const time = new Float64Array(n);
  const complete = new Uint8Array(n);
  const pinned = new Uint8Array(n);
  const numbers = Object.fromEntries(
    NUMBERS.map((k) => [k, old[k] instanceof Uint32Array && delta[k] instanceof Uint32Array ? new Uint32Array(n) : new Float64Array(n)]),
  ) as Record<Numbers, NumberColumn>;
  const id: string[] = new Array(n);
  const iso = (c: SnapshotColumns, i: number) => c.createdAt?.[i] ?? new Date(c.time[i]!).toISOString();
  const createdAt: string[] | undefined = old.createdAt || delta.createdAt ? new Array(n) : undefined;
  const guid: (string | null)[] | undefined = old.guid || delta.guid ? new Array(n) : undefined;
  const deltaAt = new Map<number, number>();

  for (const run of runs) {
    const c = run.old ? old : delta;
    const { from, to, len } = run;
    const copy = <T extends { set(a: ArrayLike<number>, at: number): void }>(dst: T, src: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> }) => dst.set(src.subarray(from, from + len), to);
    copy(time, c.time);
    copy(complete, c.complete);
    copy(pinned, c.pinned);
    for (const k of NUMBERS) copy(numbers[k], c[k]);
    if (run.old) copy(type, c.type), copy(location, c.location);
    for (let k = 0; k < len; k++) {
      id[to + k] = c.id[from + k]!;
      if (createdAt) createdAt[to + k] = iso(c, from + k);
      if (guid) guid[to + k] = c.guid?.[from + k] ?? null;
    }
    if (!run.old) {
      type[to] = types.remap[c.type[from]!]!;
      location[to] = locations.remap[c.location[from]!]!;
      deltaAt.set(from, to);
    }
  }
  /** where old row i went, or -1 when it was written (sparse tags and notes follow their rows) */
  const oldRuns = runs.filter((x) => x.old);
  const movedTo = (i: number) => {
    let lo = 0;
    let hi = oldRuns.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = oldRuns[mid]!;
      if (i < x.from) hi = mid - 1;
      else if (i >= x.from + x.len) lo = mid + 1;
      else return x.to + (i - x.from);
    }
    return -1;
  };

  const sparse = <T>(oldAt: Uint32Array, oldValues: T[], newAt: Uint32Array, newValues: T[]) => {
    const rows: [number, T][] = [];
    oldAt.forEach((i, k) => {
      const to = movedTo(i);
      if (to >= 0) rows.push([to, oldValues[k]!]);
    });
    newAt.forEach((i, k) => rows.push([deltaAt.get(i)!, newValues[k]!]));
    rows.sort((a, b) => a[0] - b[0]);
    return { at: Uint32Array.from(rows, (x) => x[0]), values: rows.map((x) => x[1]) };
  };
  const tags = sparse(old.tagged, old.tags, delta.tagged, delta.tags);
  const notes = sparse(old.noted, old.notes, delta.noted, delta.notes);

  const typeCol = compact(types.words, type);
  const locationCol = compact(locations.words, location);
  const linked = guid && locationCol.words.length > 1; // guids link copies in more than one location only
  return {
    workload: delta.workload,
    workloadId: delta.workloadId,
    engine: delta.engine,
    version: delta.version,
    id,
    time,
    ...(createdAt ? { createdAt } : {}),
    types: typeCol.words,
    type: typeCol.index,
    locations: locationCol.words,
    location: locationCol.index,
    complete,
    pinned,
    ...numbers,
    tagged: tags.at,
    tags: tags.values,
    noted: notes.at,
    notes: notes.values,
    ...(linked ? { guid } : {}),
  };
}
