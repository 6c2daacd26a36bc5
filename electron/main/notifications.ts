import type { Job } from '../../shared/domain.js';
import { formatDuration } from '../../shared/format.js';

export interface NotificationText {
  title: string;
  body: string;
}

/** What the OS notification says when a job ends; null for states that are not an ending worth telling. */
export function jobNotification(job: Job): NotificationText | null {
  const what = job.workloadName ? `${capitalize(job.kind)} of ${job.workloadName}` : capitalize(job.kind);
  if (job.state === 'succeeded') {
    const took = job.startedAt && job.finishedAt ? Date.parse(job.finishedAt) - Date.parse(job.startedAt) : NaN;
    return { title: `${what} finished`, body: Number.isFinite(took) ? `Done in ${formatDuration(took)}.` : 'Done.' };
  }
  if (job.state === 'failed') {
    return { title: `${what} failed`, body: truncate(job.error?.message ?? 'The job failed without a message.', 200) };
  }
  return null;
}

/**
 * Calls `show` once per job that ends. jobUpdated may repeat a final state (catalog refresh, reconnect),
 * and a backup that ended must not notify twice. Remembers a bounded number of ids.
 */
export function createJobNotifier(show: (n: NotificationText) => void, remember = 1000): (job: Job) => void {
  const told = new Set<string>();
  return (job) => {
    const text = jobNotification(job);
    if (!text || told.has(job.id)) return;
    told.add(job.id);
    if (told.size > remember) {
      const oldest = told.values().next().value;
      if (oldest !== undefined) told.delete(oldest);
    }
    show(text);
  };
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
