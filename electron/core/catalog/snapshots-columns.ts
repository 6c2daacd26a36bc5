import type { SnapshotColumns } from '../../../shared/contract/snapshots.js';
import type { Workload } from '../../../shared/domain.js';
import type { Db } from './db.js';

// [column of SnapshotColumns, SQL expression]. SQLite builds each column as one JSON array: handing
// better-sqlite3 50,000 rows × 15 values costs ~5 µs a row in value conversion alone, while 15 strings
// parse in a few ms (V8's JSON.parse is the fastest way to build the arrays).
const COLUMNS: [Exclude<keyof SnapshotColumns, 'workload' | 'workloadId' | 'engine'>, string][] = [
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
const GUID: (typeof COLUMNS)[number] = ['guid' as (typeof COLUMNS)[number][0], `CAST(json_extract(meta, '$.guid') AS TEXT)`];

/**
 * The aggregate reads the ordered subquery as a co-routine (SQLite never flattens an ORDER BY subquery
 * into an aggregate), so every array comes out oldest first. Ordering by created_at alone walks the
 * (workload_id, created_at) index without a sort; same-time snapshots come in the order they were recorded.
 */
export function snapshotColumnsQuery(db: Db) {
  const prepare = (cols: typeof COLUMNS) =>
    db
      .prepare<[string], string[]>(
        `SELECT ${cols.map(([, expr]) => `json_group_array(${expr})`).join(', ')}
         FROM (SELECT * FROM snapshots WHERE workload_id = ? ORDER BY created_at)`,
      )
      .raw();
  const plain = prepare(COLUMNS);
  const withGuid = prepare([...COLUMNS, GUID]);
  const elsewhere = db.prepare<[string], number>(`SELECT EXISTS (SELECT 1 FROM snapshots WHERE workload_id = ? AND location <> 'local')`).pluck();
  return (w: Pick<Workload, 'id' | 'name' | 'engine'>): SnapshotColumns => {
    const linked = elsewhere.get(w.id) === 1;
    const cols = linked ? [...COLUMNS, GUID] : COLUMNS;
    const row = (linked ? withGuid : plain).get(w.id)!;
    const out: Record<string, unknown> = { workload: w.name, workloadId: w.id, engine: w.engine };
    cols.forEach(([key], i) => (out[key] = JSON.parse(row[i]!)));
    return out as unknown as SnapshotColumns;
  };
}
