import { useState } from 'react';
import type { Job } from '../../../shared/domain.js';
import { formatDuration } from '../../../shared/format.js';
import { errorMessage } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { errorHint } from '../../lib/error-hint.js';
import { jobTitle } from '../../lib/jobs.js';
import { formatAgo, formatClock } from '../../lib/time.js';
import { useStore } from '../../store/index.js';
import { resultSummary } from './result-summary.js';

const STATE_LABEL = { succeeded: 'Succeeded', failed: 'Failed', cancelled: 'Cancelled', queued: 'Queued', running: 'Running' } as const;

function duration(job: Job): string {
  if (!job.startedAt || !job.finishedAt) return '—';
  return formatDuration(Date.parse(job.finishedAt) - Date.parse(job.startedAt));
}

export function HistoryRow({ job, now }: { job: Job; now: number }) {
  const [open, setOpen] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const logs = useStore((s) => s.logs[job.id]);
  const loadJobDetails = useStore((s) => s.loadJobDetails);
  const detailId = `job-detail-${job.id}`;

  const toggle = () => {
    const next = !open;
    setOpen(next);
    if (next) loadJobDetails(job.id).catch((e: unknown) => setLoadError(errorMessage(e)));
  };
  const hint = job.error ? errorHint(job.error) : null;
  const summary = job.state === 'succeeded' ? resultSummary(job) : null;

  return (
    <li className="history-row" data-open={open} data-testid="history-job" data-job-id={job.id} data-state={job.state}>
      <button onClick={toggle} aria-expanded={open} aria-controls={detailId}>
        <svg className="chev" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden="true">
          <path d="M9 6l6 6-6 6" />
        </svg>
        <span>
          <span className={`badge ${job.state}`}>{STATE_LABEL[job.state]}</span>
        </span>
        <span className="ellipsis">
          <strong>{jobTitle(job)}</strong>
          {job.error && <span className="muted"> — {job.error.message}</span>}
          {summary && <span className="muted"> — {summary}</span>}
        </span>
        <span className="muted num">{formatAgo(job.finishedAt ?? job.createdAt, now)}</span>
        <span className="muted num">{duration(job)}</span>
      </button>
      {open && (
        <div className="job-detail" id={detailId}>
          {job.error && (
            <div className="job-error" data-testid="job-error">
              <strong>{job.error.message}</strong>
              {hint && <div className="hint-line">{hint}</div>}
            </div>
          )}
          {loadError && <div className="alert">{loadError}</div>}
          <pre className="log" aria-label="Job log" data-testid="job-log">
            {logs === undefined
              ? 'Loading log…'
              : logs.length === 0
                ? 'This job wrote no log lines.'
                : logs.map((l, i) => (
                    <div key={i} className={l.level}>
                      <span className="at">{formatClock(l.at)}</span> {l.level !== 'info' && `${l.level.toUpperCase()} `}
                      {l.message}
                    </div>
                  ))}
          </pre>
        </div>
      )}
    </li>
  );
}
