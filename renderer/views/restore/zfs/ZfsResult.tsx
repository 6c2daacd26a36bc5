import type { Job } from '../../../../shared/domain.js';
import { Icon } from '../../../components/Icon.js';

interface RestoreAsResult {
  dataset: string;
  mountpoint: string;
  method: 'clone' | 'receive';
}
interface RollbackResult {
  dataset: string;
  snapshot: string;
  destroyed: string[];
}

/** What a finished zfs restore or rollback produced, from the job's own result. */
export function ZfsResult({ job, mode }: { job: Job; mode: 'new' | 'rollback' }) {
  if (job.state !== 'succeeded' || !job.result) return null;
  if (mode === 'new') {
    const r = job.result as RestoreAsResult;
    return (
      <div className="rw-result ok" data-testid="wizard-result">
        <Icon name="check" />
        <div>
          <strong>Restored as a new dataset</strong>
          <dl className="kv rw-kv">
            <dt>Dataset</dt>
            <dd className="mono" data-testid="result-dataset">{r.dataset}</dd>
            <dt>Mounted at</dt>
            <dd className="mono" data-testid="result-mountpoint">{r.mountpoint}</dd>
            <dt>How</dt>
            <dd>{r.method === 'clone' ? 'cloned from the local snapshot (instant; shares its blocks)' : 'received back from the remote'}</dd>
          </dl>
        </div>
      </div>
    );
  }
  const r = job.result as RollbackResult;
  return (
    <div className="rw-result ok" data-testid="wizard-result">
      <Icon name="check" />
      <div>
        <strong>
          {r.dataset} is back at {r.snapshot}
        </strong>
        <p className="muted">{r.destroyed.length ? `Destroyed ${r.destroyed.length} newer snapshot(s): ${r.destroyed.join(', ')}.` : 'No newer snapshots existed.'}</p>
      </div>
    </div>
  );
}
