import type { SnapshotColumns } from '../../../shared/contract/snapshots.js';
import type { Workload } from '../../../shared/domain.js';
import type { Db } from './db.js';
import { indexArray, mergeWhole } from './snapshots-columns-merge.js';
import type { SnapshotChangeLog } from './snapshots-changes.js';

// [column, SQL expression]. SQLite builds each column as one JSON array: handing better-sqlite3 50,000
// rows × 15 values costs ~5 µs a row in value conversion alone, while 15 strings parse in a few ms
// (V8's JSON.parse is the fastest way to build the arrays); packed() then gives them the wire's shape.
type Raw = Record<string, unknown[]>;
const COLUMNS: [string, string][] = [
  ['id', 'id'],
  ['type', 'type'],
  ['tags', 'json(tags)'],
  ['notes', 'notes'],
  ['createdAt', 'created_at'],
  ['complete', 'complete'],
  ['pinned', 'pinned'],
  ['fileCount', 'file_count'],
  ['totalBytes', 'total_bytes'],
  ['storedBytes', 'stored_bytes'],
  ['newChunks', 'new_chunks'],
  ['dedupChunks', 'dedup_chunks'],
  ['durationMs', 'duration_ms'],
  ['location', 'location'],
];
/** links a snapshot's copies across locations (zfs); reading it parses every row's meta, ~40 % of the query */
const GUID: (typeof COLUMNS)[number] = ['guid', `CAST(json_extract(meta, '$.guid') AS TEXT)`];

/** Words that repeat (type, location) as their distinct values and an index per snapshot. */
function dictionary(values: unknown[]): { words: string[]; index: Uint8Array | Uint16Array } {
  const words: string[] = [];
  const at = new Map<string, number>();
  const index = values.map((x) => {
    const v = String(x);
    let k = at.get(v);
    if (k === undefined) at.set(v, (k = words.push(v) - 1));
    return k;
  });
  const out = indexArray(index.length, words.length);
  out.set(index);
  return { words, index: out };
}

/** Only the entries where a value is present: their indexes and values. */
function sparse<T>(values: T[], present: (v: T) => boolean): { at: Uint32Array; values: T[] } {
  const at: number[] = [];
  const out: T[] = [];
  values.forEach((v, i) => present(v) && (at.push(i), out.push(v)));
  return { at: Uint32Array.from(at), values: out };
}

function packed(raw: Raw): Omit<SnapshotColumns, 'workload' | 'workloadId' | 'engine' | 'version' | 'removed'> {
  const createdAt = raw.createdAt as string[];
  const time = Float64Array.from(createdAt, (t) => Date.parse(t));
  const type = dictionary(raw.type!);
  const location = dictionary(raw.location!);
  const tags = sparse(raw.tags as string[][], (t) => t.length > 0);
  const notes = sparse(raw.notes as string[], (n) => n !== '');
  // half the bytes for counts and sizes that fit 32 bits (most do; a repository's total may not)
  const f64 = (k: string) => {
    const v = raw[k] as number[];
    return v.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32) ? Uint32Array.from(v) : Float64Array.from(v);
  };
  return {
    id: raw.id as string[],
    // the catalog's times are toISOString() of `time` (engines record them so): the page rebuilds the
    // strings it shows, and 50,000 of them do not cross the wire; any other spelling is sent as it is
    ...(createdAt.every((t, i) => t === new Date(time[i]!).toISOString()) ? {} : { createdAt }),
    time,
    types: type.words,
    type: type.index,
    locations: location.words,
    location: location.index,
    complete: Uint8Array.from(raw.complete as number[]),
    pinned: Uint8Array.from(raw.pinned as number[]),
    fileCount: f64('fileCount'),
    totalBytes: f64('totalBytes'),
    storedBytes: f64('storedBytes'),
    newChunks: f64('newChunks'),
    dedupChunks: f64('dedupChunks'),
    durationMs: f64('durationMs'),
    tagged: tags.at,
    tags: tags.values,
    noted: notes.at,
    notes: notes.values,
    ...(raw.guid ? { guid: raw.guid as (string | null)[] } : {}),
  };
}

/**
 * The aggregate reads the ordered subquery as a co-routine (SQLite never flattens an ORDER BY subquery
 * into an aggregate), so every array comes out oldest first. Ordering by created_at alone walks the
 * (workload_id, created_at) index without a sort; same-time snapshots come in the order they were recorded.
 * With `since`, only the snapshots written since that version are read (the ids from the change log).
 */
/** more written snapshots than this (a big prune, a refresh): the whole list is read again instead */
const MERGE_AT_MOST = 2000;

const EMPTY: Raw = Object.fromEntries(COLUMNS.map(([key]) => [key, []]));

export function snapshotColumnsQuery(db: Db, changes: SnapshotChangeLog) {
  const prepare = (cols: typeof COLUMNS, where: string) =>
    db
      .prepare<[string], string[]>(
        `SELECT ${cols.map(([, expr]) => `json_group_array(${expr})`).join(', ')}
         FROM (SELECT * FROM snapshots WHERE ${where} ORDER BY created_at)`,
      )
      .raw();
  const WORKLOAD = 'workload_id = ?';
  const IDS = 'id IN (SELECT value FROM json_each(?))';
  const stmts = { plain: prepare(COLUMNS, WORKLOAD), guid: prepare([...COLUMNS, GUID], WORKLOAD), plainIds: prepare(COLUMNS, IDS), guidIds: prepare([...COLUMNS, GUID], IDS) };
  // one probe of the snapshots_elsewhere index (migration 3)
  const elsewhere = db.prepare<[string], number>(`SELECT EXISTS (SELECT 1 FROM snapshots WHERE workload_id = ? AND location <> 'local')`).pluck();

  // The last whole list per workload, while no write touched it: a reload, a reconnect or a second
  // window then costs no query (its old version stays right: `since` it, the change log has the rest).
  const lastWhole = new Map<string, SnapshotColumns>();

  const read = (w: Pick<Workload, 'id' | 'name' | 'engine'>, touched: ReadonlySet<string> | null): SnapshotColumns => {
    const version = changes.version();
    // nothing written since (a page catching up after its start-up read, a reconnect): no query at all
    if (touched?.size === 0) return { workload: w.name, workloadId: w.id, engine: w.engine, version, ...packed(EMPTY), removed: [] };
    const linked = elsewhere.get(w.id) === 1;
    const cols = linked ? [...COLUMNS, GUID] : COLUMNS;
    const row = touched ? (linked ? stmts.guidIds : stmts.plainIds).get(JSON.stringify([...touched]))! : (linked ? stmts.guid : stmts.plain).get(w.id)!;
    const raw: Raw = {};
    cols.forEach(([key], i) => (raw[key] = JSON.parse(row[i]!) as unknown[]));
    const out: SnapshotColumns = { workload: w.name, workloadId: w.id, engine: w.engine, version, ...packed(raw) };
    if (touched) {
      const present = new Set(out.id);
      out.removed = [...touched].filter((id) => !present.has(id));
    }
    return out;
  };

  return (w: Pick<Workload, 'id' | 'name' | 'engine'>, since?: string): SnapshotColumns => {
    if (since !== undefined) {
      const touched = changes.since(since, w.id);
      if (touched) return read(w, touched);
    }
    const kept = lastWhole.get(w.id);
    const written = kept && kept.workload === w.name ? changes.since(kept.version, w.id) : null;
    if (written?.size === 0) return kept!;
    // a few snapshots written since the list in memory (a backup, an edit): only those are read
    const whole = kept && written && written.size <= MERGE_AT_MOST ? mergeWhole(kept, read(w, written), written) : read(w, null);
    lastWhole.set(w.id, whole);
    return whole;
  };
}
