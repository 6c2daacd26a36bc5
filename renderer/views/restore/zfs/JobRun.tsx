// A restore job as both wizards show it: live progress while it runs, then its outcome (the caller renders the result).
import type { Job } from '../../../../shared/domain.js';
import { formatBytes, formatEta, formatRate } from '../../../../shared/format.js';
import { ProgressBar } from '../../../components/ProgressBar.js';
import { isTerminal } from '../../../lib/jobs.js';
import { useStore } from '../../../store/index.js';

/** The job as the store knows it (jobUpdated events keep it fresh). */
export function useJob(id: string | null): Job | undefined {
  return useStore((s) => (id ? s.jobs[id] : undefined));
}

export function JobRun({ job, label }: { job: Job; label: string }) {
  const p = useStore((s) => s.progress[job.id]);
  if (isTerminal(job.state)) return null;
  const total = p?.bytesTotal;
  return (
    <div className="rw-run" data-testid="wizard-running">
      <div className="rw-run-line">
        <span className="badge running">{job.state === 'queued' ? 'Queued' : label}</span>
        <span className="muted ellipsis">{job.state === 'queued' ? (job.waitingFor ?? 'waiting for a free worker') : (p?.phase ?? 'starting')}</span>
      </div>
      <ProgressBar done={p?.bytesDone ?? 0} total={total} label={`${label} progress`} />
      {p && (
        <div className="num muted rw-note">
          {formatBytes(p.bytesDone)}
          {total !== undefined ? ` of ${formatBytes(total)}` : ''} · {formatRate(p.rate)}
          {total !== undefined ? ` · ETA ${formatEta(p.etaSeconds)}` : ''}
        </div>
      )}
    </div>
  );
}

/** A failed or cancelled job, with the engine's own message. */
export function JobFailure({ job }: { job: Job }) {
  if (job.state !== 'failed' && job.state !== 'cancelled') return null;
  return (
    <div className="alert" role="alert" data-testid="wizard-failed">
      {job.state === 'cancelled' ? 'Cancelled. ' : 'The restore failed: '}
      {job.error?.message ?? ''}
    </div>
  );
}
