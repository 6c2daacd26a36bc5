import type { Snapshot } from '../../../shared/domain.js';
import { CodedError } from '../../../shared/result.js';
import type { CatalogChanges, SnapshotRecord } from '../jobs/types.js';
import type { Db } from './db.js';
import { snapshotChangeLog } from './snapshots-changes.js';
import { snapshotColumnsQuery } from './snapshots-columns.js';

interface Row {
  id: string;
  workload_id: string;
  workload: string;
  engine: Snapshot['engine'];
  type: string;
  tags: string;
  notes: string;
  created_at: string;
  complete: number;
  file_count: number;
  total_bytes: number;
  stored_bytes: number;
  new_chunks: number;
  dedup_chunks: number;
  duration_ms: number;
  pinned: number;
  location: string;
  meta: string;
}

const SELECT = `SELECT s.*, w.name AS workload FROM snapshots s JOIN workloads w ON w.id = s.workload_id`;

function toSnapshot(r: Row): Snapshot {
  return {
    id: r.id,
    workload: r.workload,
    workloadId: r.workload_id,
    engine: r.engine,
    type: r.type,
    tags: JSON.parse(r.tags),
    notes: r.notes,
    createdAt: r.created_at,
    complete: r.complete === 1,
    fileCount: r.file_count,
    totalBytes: r.total_bytes,
    storedBytes: r.stored_bytes,
    newChunks: r.new_chunks,
    dedupChunks: r.dedup_chunks,
    durationMs: r.duration_ms,
    pinned: r.pinned === 1,
    location: r.location,
    meta: JSON.parse(r.meta),
  };
}

export function snapshotStore(db: Db) {
  const byId = db.prepare<[string], Row>(`${SELECT} WHERE s.id = ?`);
  // Newest first; the id breaks ties between same-second snapshots so the order is stable.
  const forWorkload = db.prepare<[string], Row>(`${SELECT} WHERE s.workload_id = ? ORDER BY s.created_at DESC, s.id DESC`);
  const all = db.prepare<[], Row>(`${SELECT} ORDER BY s.created_at DESC, s.id DESC`);
  // Pinned is the catalog's own state: a re-listing from the engine keeps it.
  const upsert = db.prepare(
    `INSERT INTO snapshots (id, workload_id, engine, type, tags, notes, created_at, complete, file_count, total_bytes, stored_bytes, new_chunks, dedup_chunks, duration_ms, location, meta)
     VALUES (@id, @workloadId, @engine, @type, @tags, @notes, @createdAt, @complete, @fileCount, @totalBytes, @storedBytes, @newChunks, @dedupChunks, @durationMs, @location, @meta)
     ON CONFLICT(id) DO UPDATE SET type = excluded.type, tags = excluded.tags, notes = excluded.notes, created_at = excluded.created_at,
       complete = excluded.complete, file_count = excluded.file_count, total_bytes = excluded.total_bytes, stored_bytes = excluded.stored_bytes,
       new_chunks = excluded.new_chunks, dedup_chunks = excluded.dedup_chunks, duration_ms = excluded.duration_ms, location = excluded.location, meta = excluded.meta`,
  );

  const changes = snapshotChangeLog(db);
  const workloadOf = db.prepare<[string], string>(`SELECT workload_id FROM snapshots WHERE id = ?`).pluck();

  const store = {
    list: (workloadId?: string): Snapshot[] => (workloadId ? forWorkload.all(workloadId) : all.all()).map(toSnapshot),
    /** one workload's snapshots in columns, oldest first: the renderer's fast path */
    columns: snapshotColumnsQuery(db, changes),
    find: (id: string): Snapshot | undefined => {
      const r = byId.get(id);
      return r && toSnapshot(r);
    },
    get(id: string): Snapshot {
      const s = store.find(id);
      if (!s) throw new CodedError('not-found', `no snapshot with id "${id}"`);
      return s;
    },
    update(id: string, patch: { tags?: string[]; notes?: string; pinned?: boolean }): Snapshot {
      store.get(id);
      if (patch.tags) db.prepare(`UPDATE snapshots SET tags = ? WHERE id = ?`).run(JSON.stringify(patch.tags), id);
      if (patch.notes !== undefined) db.prepare(`UPDATE snapshots SET notes = ? WHERE id = ?`).run(patch.notes, id);
      if (patch.pinned !== undefined) db.prepare(`UPDATE snapshots SET pinned = ? WHERE id = ?`).run(patch.pinned ? 1 : 0, id);
      const s = store.get(id);
      changes.record([[s.workloadId, id]]);
      return s;
    },
    /** Applies what a job reported, in one transaction (workers never write the catalog themselves). */
    apply(job: CatalogChanges): void {
      const touched: [string, string][] = [];
      db.transaction(() => {
        if (job.replaceAllFor) {
          const { workloadId, location } = job.replaceAllFor;
          const keep = new Set((job.upsertSnapshots ?? []).map((s) => s.id));
          const existing = db
            .prepare<[string], { id: string; location: string }>(`SELECT id, location FROM snapshots WHERE workload_id = ?`)
            .all(workloadId)
            .filter((r) => (location === undefined || r.location === location) && !keep.has(r.id));
          for (const r of existing) db.prepare(`DELETE FROM snapshots WHERE id = ?`).run(r.id), touched.push([workloadId, r.id]);
        }
        for (const s of job.upsertSnapshots ?? []) upsert.run(toRow(s)), touched.push([s.workloadId, s.id]);
        for (const id of job.removeSnapshots ?? []) {
          const workloadId = workloadOf.get(id);
          if (workloadId !== undefined) db.prepare(`DELETE FROM snapshots WHERE id = ?`).run(id), touched.push([workloadId, id]);
        }
      })();
      changes.record(touched);
    },
  };
  return store;
}

function toRow(s: SnapshotRecord) {
  return {
    ...s,
    tags: JSON.stringify(s.tags),
    complete: s.complete ? 1 : 0,
    meta: JSON.stringify(s.meta),
  };
}
export type SnapshotStore = ReturnType<typeof snapshotStore>;
