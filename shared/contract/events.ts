import type { Job, JobLog, Progress } from '../domain.js';

/** Push events, main → renderer. Their own map, separate from request methods. */
export interface Events {
  jobProgress: Progress;
  jobUpdated: Job;
  jobLog: JobLog;
  catalogChanged: { entity: 'workloads' | 'snapshots' | 'jobs' | 'policies' | 'settings'; workloadId?: string };
}
export type EventName = keyof Events;
export const EVENT_NAMES: readonly EventName[] = ['jobProgress', 'jobUpdated', 'jobLog', 'catalogChanged'];
