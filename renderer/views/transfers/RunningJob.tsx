import { useState } from 'react';
import type { Job } from '../../../shared/domain.js';
import { formatBytes, formatCount, formatEta, formatRate } from '../../../shared/format.js';
import { errorMessage, request } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { jobTitle } from '../../lib/jobs.js';
import { useStore } from '../../store/index.js';

/** One running job. It alone subscribes to its progress, so a tick re-renders this card and nothing else. */
export function RunningJob({ job }: { job: Job }) {
  const p = useStore((s) => s.progress[job.id]);
  const lastLog = useStore((s) => s.logs[job.id]?.at(-1));
  const pushToast = useStore((s) => s.pushToast);
  const [cancelling, setCancelling] = useState(false);
  const title = jobTitle(job);

  const cancel = async () => {
    setCancelling(true);
    try {
      await request('cancelJob', { id: job.id });
    } catch (e) {
      setCancelling(false);
      pushToast({ kind: 'error', title: `Could not cancel ${title}`, body: errorMessage(e) });
    }
  };

  const total = p?.bytesTotal;
  const pct = total ? Math.min(100, Math.floor(((p?.bytesDone ?? 0) / total) * 100)) : null;
  return (
    <li className="running-job" data-testid="running-job" data-job-id={job.id} data-kind={job.kind}>
      <div className="job-head">
        <span className="badge running">Running</span>
        <h3>{title}</h3>
        {pct !== null && <span className="num muted">{pct}%</span>}
        <div className="actions">
          <button className="btn small danger" onClick={cancel} disabled={cancelling} data-testid="cancel-job">
            <Icon name="stop" />
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      </div>
      <ProgressBar done={p?.bytesDone ?? 0} total={total} label={`${title} progress`} />
      <dl className="job-figures">
        <div>
          <dt>Phase</dt>
          <dd data-testid="job-phase">{p?.phase ?? 'starting'}</dd>
        </div>
        <div>
          <dt>Data</dt>
          <dd className="num" data-testid="job-bytes">
            {formatBytes(p?.bytesDone ?? 0)}
            {total !== undefined && ` of ${formatBytes(total)}`}
          </dd>
        </div>
        <div>
          <dt>Files</dt>
          <dd className="num">
            {formatCount(p?.filesDone ?? 0)}
            {p?.filesTotal !== undefined && ` of ${formatCount(p.filesTotal)}`}
          </dd>
        </div>
        <div>
          <dt>Rate</dt>
          <dd className="num">{formatRate(p?.rate ?? 0)}</dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd className="num">{formatEta(p?.etaSeconds)}</dd>
        </div>
      </dl>
      <div className="current-item" title={p?.currentItem}>
        {/* rtl keeps the end of a long path visible; the bdi keeps the text itself in order */}
        <bdi>{p?.currentItem ?? lastLog?.message ?? '\u00a0'}</bdi>
      </div>
    </li>
  );
}
