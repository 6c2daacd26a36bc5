import type { SnapshotColumns } from '../../shared/contract/snapshots.js';
import type { Snapshot } from '../../shared/domain.js';

const NO_META: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
const NO_TAGS: string[] = Object.freeze([]) as unknown as string[];

/**
 * Each list's times in ms (index i is list[i].createdAt), for the lists made here: the timeline lays out
 * 50,000 snapshots from these instead of parsing 50,000 dates on first paint.
 */
const timesOfList = new WeakMap<readonly Snapshot[], Float64Array>();
export const knownTimes = (list: readonly Snapshot[]): Float64Array | undefined => timesOfList.get(list);
/** `next` holds snapshots of the same times, in the same order, as `list` (one of them replaced). */
export function sameTimes(list: readonly Snapshot[], next: readonly Snapshot[]): void {
  const t = timesOfList.get(list);
  if (t) timesOfList.set(next, t);
}

/** One answer's columns with its sparse tags and notes by index. */
interface Table {
  c: SnapshotColumns;
  tags: Map<number, string[]>;
  notes: Map<number, string>;
  /** createdAt strings: from the answer, or rebuilt from `time` as they are read */
  createdAt: string[];
}

/**
 * A snapshot read from its list's columns on access. 50,000 of these cost two fields each instead of
 * eighteen: building a workload's list takes a few ms instead of ~30–80 ms of allocation and garbage
 * collection, which was most of a cold page load's time after the data had arrived. Fields are
 * private, so only the Snapshot properties are seen; toJSON gives the plain object.
 */
class ColumnSnapshot implements Snapshot {
  readonly #t: Table;
  readonly #i: number;
  #meta: Record<string, unknown> | undefined;
  constructor(t: Table, i: number) {
    this.#t = t;
    this.#i = i;
  }
  get id() { return this.#t.c.id[this.#i]!; }
  get workload() { return this.#t.c.workload; }
  get workloadId() { return this.#t.c.workloadId; }
  get engine() { return this.#t.c.engine; }
  get type() { return this.#t.c.types[this.#t.c.type[this.#i]!]!; }
  get tags() { return this.#t.tags.get(this.#i) ?? NO_TAGS; }
  get notes() { return this.#t.notes.get(this.#i) ?? ''; }
  get createdAt() { return (this.#t.createdAt[this.#i] ??= new Date(this.#t.c.time[this.#i]!).toISOString()); }
  get complete() { return this.#t.c.complete[this.#i] === 1; }
  get fileCount() { return this.#t.c.fileCount[this.#i]!; }
  get totalBytes() { return this.#t.c.totalBytes[this.#i]!; }
  get storedBytes() { return this.#t.c.storedBytes[this.#i]!; }
  get newChunks() { return this.#t.c.newChunks[this.#i]!; }
  get dedupChunks() { return this.#t.c.dedupChunks[this.#i]!; }
  get durationMs() { return this.#t.c.durationMs[this.#i]!; }
  get pinned() { return this.#t.c.pinned[this.#i] === 1; }
  get location() { return this.#t.c.locations[this.#t.c.location[this.#i]!]!; }
  get meta() {
    if (this.#meta === undefined) {
      const guid = this.#t.c.guid?.[this.#i];
      this.#meta = guid === null || guid === undefined ? NO_META : { guid };
    }
    return this.#meta;
  }
  toJSON(): Snapshot {
    const { id, workload, workloadId, engine, type, tags, notes, createdAt, complete, fileCount, totalBytes, storedBytes, newChunks, dedupChunks, durationMs, pinned, location, meta } = this;
    return { id, workload, workloadId, engine, type, tags, notes, createdAt, complete, fileCount, totalBytes, storedBytes, newChunks, dedupChunks, durationMs, pinned, location, meta };
  }
}

/** A snapshot as a plain object, for spreading: a list's snapshots read their columns through getters. */
export const plainSnapshot = (s: Snapshot): Snapshot => (s instanceof ColumnSnapshot ? s.toJSON() : s);

function sparse<T>(at: Uint32Array, values: T[]): Map<number, T> {
  const m = new Map<number, T>();
  for (let k = 0; k < at.length; k++) m.set(at[k]!, values[k]!);
  return m;
}

/** The columns as snapshots, in the server's order (oldest first); one pass, no sort. */
export function fromColumns(c: SnapshotColumns): Snapshot[] {
  const t: Table = { c, tags: sparse(c.tagged, c.tags), notes: sparse(c.noted, c.notes), createdAt: c.createdAt ?? new Array<string>(c.id.length) };
  const out = new Array<Snapshot>(c.id.length);
  for (let i = 0; i < out.length; i++) out[i] = new ColumnSnapshot(t, i);
  timesOfList.set(out, c.time);
  columnsOfList.set(out, c);
  return out;
}

const columnsOfList = new WeakMap<readonly Snapshot[], SnapshotColumns>();
/** The columns a whole list was made from (fromColumns), for facts read without touching 50,000 objects. */
export const columnsOf = (list: readonly Snapshot[]): SnapshotColumns | undefined => columnsOfList.get(list);

/**
 * A workload's list after an answer to listSnapshotColumns: the whole list, or (an answer to `since`)
 * the old one without the removed and changed snapshots, the changed ones merged back in time order.
 * Nothing changed: the same array, so nothing re-renders.
 */
export function mergeColumns(list: readonly Snapshot[], c: SnapshotColumns): Snapshot[] {
  const changed = fromColumns(c);
  if (!c.removed) return changed;
  if (changed.length === 0 && c.removed.length === 0) return list as Snapshot[];
  const drop = new Set(c.removed);
  for (const s of changed) drop.add(s.id);
  const oldTimes = knownTimes(list);
  const out: Snapshot[] = [];
  const times: number[] = [];
  let j = 0;
  for (let i = 0; i < list.length; i++) {
    const s = list[i]!;
    if (drop.has(s.id)) continue;
    // by time, not by createdAt: reading that would rebuild 50,000 date strings (see ColumnSnapshot)
    const at = oldTimes ? oldTimes[i]! : Date.parse(s.createdAt);
    while (j < changed.length && c.time[j]! < at) times.push(c.time[j]!), out.push(changed[j++]!);
    times.push(at);
    out.push(s);
  }
  while (j < changed.length) times.push(c.time[j]!), out.push(changed[j++]!);
  timesOfList.set(out, Float64Array.from(times));
  return out;
}
