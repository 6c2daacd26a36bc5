import type { Job, JobLog, Progress } from '../../shared/domain.js';
import { errorMessage, request } from '../api/index.js';
import { isTerminal } from '../lib/jobs.js';
import { readChanged } from './read-changed.js';
import type { Slice } from './types.js';

/** Logs kept per job in memory; the catalog holds them all (getJob). */
const MAX_LOGS = 500;
/** whether a list read differs from the last one (else the store stays as it is) */
const changed = readChanged();

export interface JobsSlice {
  jobs: Record<string, Job>;
  /** live progress apart from the jobs, so a progress tick re-renders only the bar that shows it */
  progress: Record<string, Progress>;
  logs: Record<string, JobLog[]>;
  jobsLoaded: boolean;
  jobsError: string | null;
  loadJobs(): Promise<void>;
  loadJobDetails(id: string): Promise<void>;
  /** returns the previous state of the job, so callers can react to transitions */
  applyJob(job: Job): Job | undefined;
  applyProgress(p: Progress): void;
  appendLog(log: JobLog): void;
}

export const createJobsSlice: Slice<JobsSlice> = (set, get) => ({
  jobs: {},
  progress: {},
  logs: {},
  jobsLoaded: false,
  jobsError: null,
  async loadJobs() {
    try {
      const list = await request('listJobs', { limit: 200 });
      if (!changed(list) && get().jobsLoaded && !get().jobsError) return;
      const jobs: Record<string, Job> = {};
      const progress: Record<string, Progress> = {};
      for (const j of list) {
        jobs[j.id] = j;
        if (j.progress && !isTerminal(j.state)) progress[j.id] = j.progress;
      }
      set({ jobs, progress, jobsLoaded: true, jobsError: null });
    } catch (e) {
      set({ jobsLoaded: true, jobsError: errorMessage(e) });
    }
  },
  async loadJobDetails(id) {
    const { logs, ...job } = await request('getJob', { id });
    set((s) => ({ jobs: { ...s.jobs, [id]: job }, logs: { ...s.logs, [id]: logs.slice(-MAX_LOGS) } }));
  },
  applyJob(job) {
    const prev = get().jobs[job.id];
    set((s) => {
      const progress = { ...s.progress };
      if (isTerminal(job.state)) delete progress[job.id];
      else if (job.progress) progress[job.id] = job.progress;
      return { jobs: { ...s.jobs, [job.id]: job }, progress };
    });
    return prev;
  },
  applyProgress(p) {
    const job = get().jobs[p.jobId];
    if (job && isTerminal(job.state)) return; // a late tick after the job finished
    set((s) => ({ progress: { ...s.progress, [p.jobId]: p } }));
  },
  appendLog(log) {
    set((s) => {
      const list = s.logs[log.jobId] ?? [];
      const next = list.length >= MAX_LOGS ? [...list.slice(1 - MAX_LOGS), log] : [...list, log];
      return { logs: { ...s.logs, [log.jobId]: next } };
    });
  },
});
