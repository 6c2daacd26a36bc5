import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { EventName, Events } from '../../../shared/contract/events.js';
import type { Job, JobLog, Progress } from '../../../shared/domain.js';
import { CodedError } from '../../../shared/result.js';
import type { Catalog } from '../catalog/index.js';
import type { JobRequest } from '../engines/types.js';
import { jobEnvOf } from '../secrets/job-env.js';
import { RateTracker, throttle } from './rate.js';
import type { CatalogChanges, WorkerMessage, WorkerStart } from './types.js';

/** Progress reaches the UI at most this often per job (≤ 10 events/s). */
export const PROGRESS_INTERVAL_MS = 100;
/** A cancelled worker that has not stopped by then is terminated. */
export const CANCEL_GRACE_MS = 1000;

export interface RunnerOptions {
  catalog: Catalog;
  workerUrl: URL;
  concurrency: number;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
}

interface Queued {
  id: string;
  req: JobRequest & { workloadId: string | null };
}
interface Running extends Queued {
  worker: Worker;
  progress: ReturnType<typeof throttle<Progress>>;
  rate: RateTracker;
  cancelTimer: NodeJS.Timeout | null;
  finished: boolean;
}

/**
 * Runs jobs in worker threads, a fresh worker per job (a crash or a leak cannot reach the next job),
 * at most `concurrency` at once. Jobs that share a lock key (a repository, a dataset) run one after
 * another in submission order; the waiting one says what it waits for.
 */
export class JobRunner {
  private queue: Queued[] = [];
  private running = new Map<string, Running>();
  private waiters = new Map<string, ((job: Job) => void)[]>();
  private waitingFor = new Map<string, string>();
  private closed = false;

  constructor(private readonly o: RunnerOptions) {}

  submit(req: JobRequest & { workloadId: string | null }): Job {
    if (this.closed) throw new CodedError('internal', 'the job runner is shut down');
    const id = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    this.o.catalog.jobs.create({ id, kind: req.kind, workloadId: req.workloadId, title: req.title, input: req.input });
    this.o.emit('jobUpdated', this.get(id));
    this.queue.push({ id, req });
    this.schedule();
    return this.get(id);
  }

  get(id: string): Job {
    return this.o.catalog.jobs.get(id, this.waitingFor.get(id) ?? null);
  }

  /** Resolves when the job reaches a final state. */
  wait(id: string): Promise<Job> {
    const job = this.get(id);
    if (!['queued', 'running'].includes(job.state)) return Promise.resolve(job);
    return new Promise((resolve) => this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]));
  }

  cancel(id: string): Job {
    const queued = this.queue.findIndex((q) => q.id === id);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.finish(id, 'cancelled', undefined, { code: 'cancelled', message: 'cancelled before it started' });
      this.schedule();
      return this.get(id);
    }
    const r = this.running.get(id);
    if (!r) return this.get(id); // already finished: cancelling is a no-op
    if (!r.cancelTimer) {
      this.log(id, 'info', 'cancel requested');
      r.worker.postMessage({ type: 'cancel' });
      r.cancelTimer = setTimeout(() => {
        this.log(id, 'warn', `the job did not stop within ${CANCEL_GRACE_MS} ms: its worker was terminated`);
        this.end(r, 'cancelled', undefined, { code: 'cancelled', message: 'cancelled by the user' });
      }, CANCEL_GRACE_MS);
    }
    return this.get(id);
  }

  /** Cancels everything and waits for the workers to be gone. */
  async close(): Promise<void> {
    this.closed = true;
    for (const q of [...this.queue]) this.cancel(q.id);
    const ids = [...this.running.keys()];
    for (const id of ids) this.cancel(id);
    await Promise.all(ids.map((id) => this.wait(id)));
  }

  private schedule(): void {
    const claimed = new Map<string, string>(); // lock key → job id holding or first in line
    for (const r of this.running.values()) for (const k of r.req.lockKeys) claimed.set(k, r.id);
    const start: Queued[] = [];
    let slots = this.o.concurrency - this.running.size;
    for (const q of this.queue) {
      const blocker = q.req.lockKeys.find((k) => claimed.has(k));
      let reason: string | null = null;
      if (blocker !== undefined) {
        const holder = claimed.get(blocker)!;
        const title = this.running.get(holder)?.req.title ?? this.queue.find((x) => x.id === holder)?.req.title ?? '';
        reason = `waiting for job ${holder} (${title}) to release ${blocker}`;
      } else if (slots <= 0) {
        reason = `waiting for a free worker (${this.running.size} jobs running)`;
      }
      for (const k of q.req.lockKeys) if (!claimed.has(k)) claimed.set(k, q.id);
      if (reason === null) {
        slots--;
        start.push(q);
        this.waitingFor.delete(q.id);
      } else if (this.waitingFor.get(q.id) !== reason) {
        this.waitingFor.set(q.id, reason);
        this.o.emit('jobUpdated', this.get(q.id));
      }
    }
    for (const q of start) {
      this.queue.splice(this.queue.indexOf(q), 1);
      this.launch(q);
    }
  }

  private launch(q: Queued): void {
    const start: WorkerStart = { kind: q.req.kind, input: q.req.input };
    // A job's secrets (a repository passphrase) reach only its own worker, through its environment: never the catalog.
    const secretEnv = jobEnvOf(q.req);
    const worker = new Worker(this.o.workerUrl, { workerData: start, ...(secretEnv ? { env: { ...process.env, ...secretEnv } } : {}) });
    const r: Running = {
      ...q,
      worker,
      rate: new RateTracker(q.id),
      cancelTimer: null,
      finished: false,
      progress: throttle(PROGRESS_INTERVAL_MS, (p: Progress) => this.o.emit('jobProgress', p)),
    };
    let lastSaved = 0;
    this.running.set(q.id, r);
    this.o.catalog.jobs.started(q.id);
    this.o.emit('jobUpdated', this.get(q.id));

    worker.on('message', (m: WorkerMessage) => {
      if (r.finished) return;
      switch (m.type) {
        case 'progress': {
          const p = r.rate.next(m.update);
          r.progress.push(p);
          if (Date.now() - lastSaved > 1000) {
            lastSaved = Date.now();
            this.o.catalog.jobs.progress(q.id, p);
          }
          break;
        }
        case 'log':
          this.log(q.id, m.level, m.message);
          break;
        case 'result':
          this.end(r, 'succeeded', m.value, null);
          break;
        case 'error':
          this.end(r, m.error.code === 'cancelled' ? 'cancelled' : 'failed', undefined, m.error);
          break;
      }
    });
    // An uncaught exception or a hard exit in the worker fails its job; the app carries on.
    worker.on('error', (e) => this.end(r, 'failed', undefined, { code: 'crashed', message: `the job's worker crashed: ${e.message}` }));
    worker.on('exit', (code) => this.end(r, 'failed', undefined, { code: 'crashed', message: `the job's worker exited unexpectedly (code ${code})` }));
  }

  private end(r: Running, state: 'succeeded' | 'failed' | 'cancelled', value: unknown, error: { code: string; message: string } | null): void {
    if (r.finished) return;
    r.finished = true;
    if (r.cancelTimer) clearTimeout(r.cancelTimer);
    r.progress.flush();
    this.running.delete(r.id);
    void r.worker.terminate();
    let stored = value;
    if (state === 'succeeded' && value && typeof value === 'object' && 'catalog' in value) {
      const { catalog, ...rest } = value as { catalog: CatalogChanges };
      stored = rest;
      try {
        this.o.catalog.snapshots.apply(catalog);
        this.o.emit('catalogChanged', r.req.workloadId ? { entity: 'snapshots', workloadId: r.req.workloadId } : { entity: 'snapshots' });
      } catch (e) {
        state = 'failed';
        error = { code: 'internal', message: `the job succeeded but its result could not be recorded: ${(e as Error).message}` };
      }
    }
    if (error) this.log(r.id, state === 'cancelled' ? 'info' : 'error', error.message);
    this.finish(r.id, state, stored, error);
    this.schedule();
  }

  private finish(id: string, state: 'succeeded' | 'failed' | 'cancelled', value: unknown, error: { code: string; message: string } | null): void {
    this.waitingFor.delete(id);
    this.o.catalog.jobs.finished(id, state, value, error && { ...error, hint: hintFor(error.code) });
    const job = this.get(id);
    this.o.emit('jobUpdated', job);
    this.o.emit('catalogChanged', { entity: 'jobs' });
    for (const w of this.waiters.get(id) ?? []) w(job);
    this.waiters.delete(id);
  }

  private log(jobId: string, level: JobLog['level'], message: string): void {
    this.o.emit('jobLog', this.o.catalog.jobs.log(jobId, level, message));
  }
}

/** What the user can do about a failure, shown next to the error. */
function hintFor(code: string): string | undefined {
  switch (code) {
    case 'io':
      return 'check that the path exists, is readable and that the disk has space, then run the job again';
    case 'crashed':
      return 'run the job again; if it keeps crashing, report it with the job log';
    case 'corrupt':
      return 'run verify --deep to see which snapshots are affected';
    case 'remote':
      return 'check the connection to the remote host (Test connection in the workload)';
    case 'needs-confirmation':
      return 'review the warning and confirm to continue';
    default:
      return undefined;
  }
}
