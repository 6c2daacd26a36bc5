import { randomUUID } from 'node:crypto';
import type { RetentionPolicy, Schedule, Workload } from '../../../shared/domain.js';
import { CodedError } from '../../../shared/result.js';
import type { Db } from './db.js';

interface Row {
  id: string;
  name: string;
  engine: Workload['engine'];
  config: string;
  schedule: string | null;
  created_at: string;
  updated_at: string;
  policy: string | null;
}

const SELECT = `SELECT w.*, p.policy FROM workloads w LEFT JOIN policies p ON p.workload_id = w.id`;

function toWorkload(r: Row): Workload {
  return {
    id: r.id,
    name: r.name,
    engine: r.engine,
    config: JSON.parse(r.config),
    policy: r.policy ? JSON.parse(r.policy) : {},
    schedule: r.schedule ? JSON.parse(r.schedule) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  } as Workload;
}

export function workloadStore(db: Db) {
  const byName = db.prepare<[string], Row>(`${SELECT} WHERE w.name = ?`);
  const byId = db.prepare<[string], Row>(`${SELECT} WHERE w.id = ?`);
  const all = db.prepare<[], Row>(`${SELECT} ORDER BY w.name`);
  const putPolicy = db.prepare(
    `INSERT INTO policies (workload_id, policy, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(workload_id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at`,
  );

  return {
    list: (): Workload[] => all.all().map(toWorkload),
    find: (name: string): Workload | undefined => {
      const r = byName.get(name);
      return r && toWorkload(r);
    },
    get(name: string): Workload {
      const w = this.find(name);
      if (!w) throw new CodedError('not-found', `no workload named "${name}"`);
      return w;
    },
    getById(id: string): Workload | undefined {
      const r = byId.get(id);
      return r && toWorkload(r);
    },
    add(w: { name: string; engine: Workload['engine']; config: unknown; policy: RetentionPolicy; schedule: Schedule | null }): Workload {
      const now = new Date().toISOString();
      const id = randomUUID();
      db.transaction(() => {
        if (byName.get(w.name)) throw new CodedError('conflict', `a workload named "${w.name}" already exists`);
        db.prepare(`INSERT INTO workloads (id, name, engine, config, schedule, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
          id,
          w.name,
          w.engine,
          JSON.stringify(w.config),
          w.schedule ? JSON.stringify(w.schedule) : null,
          now,
          now,
        );
        putPolicy.run(id, JSON.stringify(w.policy), now);
      })();
      return this.getById(id)!;
    },
    update(name: string, patch: { policy?: RetentionPolicy; schedule?: Schedule | null; config?: unknown }): Workload {
      const w = this.get(name);
      const now = new Date().toISOString();
      db.transaction(() => {
        if (patch.policy) putPolicy.run(w.id, JSON.stringify(patch.policy), now);
        if (patch.schedule !== undefined) db.prepare(`UPDATE workloads SET schedule = ?, updated_at = ? WHERE id = ?`).run(patch.schedule ? JSON.stringify(patch.schedule) : null, now, w.id);
        if (patch.config !== undefined) db.prepare(`UPDATE workloads SET config = ?, updated_at = ? WHERE id = ?`).run(JSON.stringify(patch.config), now, w.id);
        db.prepare(`UPDATE workloads SET updated_at = ? WHERE id = ?`).run(now, w.id);
      })();
      return this.getById(w.id)!;
    },
    remove(name: string): Workload {
      const w = this.get(name);
      db.prepare(`DELETE FROM workloads WHERE id = ?`).run(w.id);
      return w;
    },
  };
}
export type WorkloadStore = ReturnType<typeof workloadStore>;
