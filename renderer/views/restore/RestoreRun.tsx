import type { CasRestoreResult } from '../../../shared/contract/cas.js';
import type { Job } from '../../../shared/domain.js';
import { formatBytes, formatCount, formatEta, formatRate } from '../../../shared/format.js';
import { Icon } from '../../components/Icon.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { isTerminal } from '../../lib/jobs.js';
import { useStore } from '../../store/index.js';

/** Live progress of a running restore. */
function Running({ job }: { job: Job }) {
  const p = useStore((s) => s.progress[job.id]);
  const total = p?.bytesTotal;
  return (
    <div className="rc-run" data-testid="restore-running">
      <div className="rc-run-line">
        <span className="badge running">{job.state === 'queued' ? 'Queued' : 'Restoring'}</span>
        <span className="muted ellipsis">{job.state === 'queued' ? (job.waitingFor ?? 'waiting for a free worker') : (p?.currentItem ?? 'reading the snapshot')}</span>
      </div>
      <ProgressBar done={p?.bytesDone ?? 0} total={total} label="Restore progress" />
      <div className="num muted">
        {p ? `${formatCount(p.filesDone)}${p.filesTotal !== undefined ? ` of ${formatCount(p.filesTotal)}` : ''} entries · ` : ''}
        {formatBytes(p?.bytesDone ?? 0)}
        {total !== undefined ? ` of ${formatBytes(total)}` : ''} · {formatRate(p?.rate ?? 0)}
        {total !== undefined && p?.etaSeconds !== undefined ? ` · ${formatEta(p.etaSeconds)} left` : ''}
      </div>
    </div>
  );
}

/** What the job did: counts, every chunk verified, the files written, and anything it skipped. */
function Done({ r }: { r: CasRestoreResult }) {
  return (
    <div className="rc-result" data-testid="restore-result">
      <div className="rc-result-head">
        <span className="rc-result-icon ok">
          <Icon name="check" />
        </span>
        <div>
          <h3 data-testid="restore-result-title">
            Restored {formatCount(r.files)} {r.files === 1 ? 'file' : 'files'} · {formatBytes(r.bytes)}
          </h3>
          <div className="muted mono ellipsis">{r.target}</div>
        </div>
      </div>
      <ul className="rc-facts">
        <li data-testid="restore-verified">
          <Icon name="check" /> Every chunk verified against its hash ({formatCount(r.chunksVerified)} {r.chunksVerified === 1 ? 'chunk' : 'chunks'})
        </li>
        {r.dirs > 0 && (
          <li>
            <Icon name="folder" /> {formatCount(r.dirs)} {r.dirs === 1 ? 'folder' : 'folders'} created
          </li>
        )}
        {r.skipped > 0 && (
          <li className="warn">
            <Icon name="alert" /> {formatCount(r.skipped)} skipped (already there)
          </li>
        )}
      </ul>
      {r.restored.length > 0 && (
        <details className="rc-written" open={r.restored.length <= 12}>
          <summary>Files written</summary>
          <ul className="mono" data-testid="restore-written">
            {r.restored.map((p) => (
              <li key={p}>{p}</li>
            ))}
            {r.restoredMore > 0 && <li className="muted">… and {formatCount(r.restoredMore)} more</li>}
          </ul>
        </details>
      )}
      {r.warnings.length > 0 && (
        <details className="rc-written" open>
          <summary>{r.warnings.length} warning(s)</summary>
          <ul>
            {r.warnings.map((w, i) => (
              <li key={i}>
                <span className="mono">{w.path}</span>: {w.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

export function RestoreRun({ job }: { job: Job }) {
  if (!isTerminal(job.state)) return <Running job={job} />;
  if (job.state === 'succeeded') return <Done r={job.result as CasRestoreResult} />;
  return (
    <div className="alert" role="alert" data-testid="restore-failed">
      {job.state === 'cancelled' ? 'The restore was cancelled.' : `The restore failed: ${job.error?.message ?? 'no reason given'}`}
    </div>
  );
}
