import type { Job, JobLog, JobState, Progress } from '../../../shared/domain.js';
import { CodedError } from '../../../shared/result.js';
import type { Db } from './db.js';

interface Row {
  id: string;
  kind: string;
  workload_id: string | null;
  workload_name: string | null;
  title: string;
  state: JobState;
  input: string;
  result: string | null;
  error: string | null;
  progress: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const SELECT = `SELECT j.*, w.name AS workload_name FROM jobs j LEFT JOIN workloads w ON w.id = j.workload_id`;
const parse = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

export function toJob(r: Row, waitingFor: string | null = null): Job {
  return {
    id: r.id,
    kind: r.kind,
    workloadId: r.workload_id,
    workloadName: r.workload_name,
    state: r.state,
    waitingFor,
    progress: parse<Progress>(r.progress),
    result: parse(r.result),
    error: parse(r.error),
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

export function jobStore(db: Db) {
  const byId = db.prepare<[string], Row>(`${SELECT} WHERE j.id = ?`);
  const insertLog = db.prepare(`INSERT INTO job_logs (job_id, at, level, message) VALUES (?, ?, ?, ?)`);
  const store = {
    create(j: { id: string; kind: string; workloadId: string | null; title: string; input: unknown }): void {
      db.prepare(`INSERT INTO jobs (id, kind, workload_id, title, state, input, created_at) VALUES (?, ?, ?, ?, 'queued', ?, ?)`).run(
        j.id,
        j.kind,
        j.workloadId,
        j.title,
        JSON.stringify(j.input ?? null),
        new Date().toISOString(),
      );
    },
    row: (id: string): Row | undefined => byId.get(id),
    get(id: string, waitingFor: string | null = null): Job {
      const r = byId.get(id);
      if (!r) throw new CodedError('not-found', `no job with id "${id}"`);
      return toJob(r, waitingFor);
    },
    list(opts: { states?: JobState[]; limit?: number } = {}): Row[] {
      const states = opts.states?.length ? opts.states : null;
      const where = states ? `WHERE j.state IN (${states.map(() => '?').join(',')})` : '';
      return db.prepare<unknown[], Row>(`${SELECT} ${where} ORDER BY j.created_at DESC, j.rowid DESC LIMIT ?`).all(...(states ?? []), opts.limit ?? 200);
    },
    started(id: string): void {
      db.prepare(`UPDATE jobs SET state = 'running', started_at = ? WHERE id = ?`).run(new Date().toISOString(), id);
    },
    progress(id: string, p: Progress): void {
      db.prepare(`UPDATE jobs SET progress = ? WHERE id = ?`).run(JSON.stringify(p), id);
    },
    finished(id: string, state: 'succeeded' | 'failed' | 'cancelled', result: unknown, error: Job['error']): void {
      db.prepare(`UPDATE jobs SET state = ?, result = ?, error = ?, finished_at = ? WHERE id = ?`).run(
        state,
        result === undefined ? null : JSON.stringify(result),
        error ? JSON.stringify(error) : null,
        new Date().toISOString(),
        id,
      );
    },
    log(jobId: string, level: JobLog['level'], message: string): JobLog {
      const at = new Date().toISOString();
      insertLog.run(jobId, at, level, message);
      return { jobId, at, level, message };
    },
    logs: (jobId: string): JobLog[] =>
      db
        .prepare<[string], { job_id: string; at: string; level: JobLog['level']; message: string }>(`SELECT * FROM job_logs WHERE job_id = ? ORDER BY seq`)
        .all(jobId)
        .map((l) => ({ jobId: l.job_id, at: l.at, level: l.level, message: l.message })),
    /** Jobs left queued/running by a process that died are not running any more: say so instead of showing them forever. */
    failInterrupted(): number {
      return db
        .prepare(`UPDATE jobs SET state = 'failed', error = ?, finished_at = ? WHERE state IN ('queued', 'running')`)
        .run(JSON.stringify({ code: 'interrupted', message: 'Tidemark stopped while this job was queued or running', hint: 'run it again' }), new Date().toISOString())
        .changes;
    },
  };
  return store;
}
export type JobStore = ReturnType<typeof jobStore>;
