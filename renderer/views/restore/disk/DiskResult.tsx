import type { Job, Snapshot } from '../../../../shared/domain.js';
import { formatBytes } from '../../../../shared/format.js';
import { Icon } from '../../../components/Icon.js';

interface DiskRestoreResult {
  target: string;
  bytes: number;
  checksum: string;
  sparse: boolean;
}

/** The verified end of a disk restore: the SHA-256 the job computed while writing, against the one stored at backup. */
export function DiskResult({ job, snap }: { job: Job; snap: Snapshot }) {
  if (job.state !== 'succeeded' || !job.result) return null;
  const r = job.result as DiskRestoreResult;
  const recorded = typeof snap.meta.checksum === 'string' ? snap.meta.checksum : null;
  const matches = recorded === r.checksum;
  return (
    <div className={matches ? 'rw-result ok' : 'rw-result'} data-testid="wizard-result">
      <Icon name={matches ? 'check' : 'alert'} />
      <div>
        <strong>
          Restored {formatBytes(r.bytes)} to <span className="mono">{r.target}</span>
        </strong>
        <dl className="kv rw-kv">
          <dt>SHA-256</dt>
          <dd className="mono rw-hash" data-testid="result-checksum">{r.checksum}</dd>
          <dt>Verified</dt>
          <dd data-testid="result-verified">{matches ? 'yes: every byte written matches the checksum recorded at backup' : `no: the backup recorded ${recorded ?? 'no checksum'}`}</dd>
          <dt>Written</dt>
          <dd>{r.sparse ? 'sparsely (zero blocks left as holes), then synced to disk' : 'to the device, then synced'}</dd>
        </dl>
      </div>
    </div>
  );
}
