import type { Job } from '../../../shared/domain.js';
import { formatBytes, formatEta, formatRate } from '../../../shared/format.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { kindLabel } from '../../lib/jobs.js';
import { useStore } from '../../store/index.js';

/** A running or queued job under its workload; only this subscribes to the job's progress ticks. */
export function ActiveJob({ job }: { job: Job }) {
  const p = useStore((s) => s.progress[job.id]);
  if (job.state === 'queued') {
    return (
      <div className="active-job" data-testid="workload-active-job">
        <span className="badge queued">Queued</span>
        <span className="muted ellipsis">{job.waitingFor ?? `${kindLabel(job.kind)} waits for a free worker`}</span>
      </div>
    );
  }
  const total = p?.bytesTotal;
  return (
    <div className="active-job" data-testid="workload-active-job">
      <span className="badge running">{kindLabel(job.kind)}</span>
      <span className="phase ellipsis">{p?.phase ?? 'starting'}</span>
      <div className="grow">
        <ProgressBar done={p?.bytesDone ?? 0} total={total} label={`${kindLabel(job.kind)} progress`} />
      </div>
      <span className="num muted">
        {formatBytes(p?.bytesDone ?? 0)}
        {total !== undefined ? ` / ${formatBytes(total)}` : ''} · {formatRate(p?.rate ?? 0)} · ETA {formatEta(p?.etaSeconds)}
      </span>
    </div>
  );
}
