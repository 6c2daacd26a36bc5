// The one destructive restore: shown only behind the exact destroy list and a typed confirmation.
import { useEffect, useState } from 'react';
import type { ZfsRollbackPreview } from '../../../../shared/contract/zfs.js';
import { formatBytes } from '../../../../shared/format.js';
import { errorMessage, request } from '../../../api/index.js';
import { Icon } from '../../../components/Icon.js';
import { formatDateTime } from '../../../lib/time.js';

interface Props {
  workload: string;
  dataset: string;
  snapshot: string;
  confirm: string;
  onConfirm(text: string): void;
  onPreview(p: ZfsRollbackPreview | null): void;
}

function changesText(p: ZfsRollbackPreview): string {
  if (p.writtenBytes !== null) return `${formatBytes(p.writtenBytes)} written to ${p.dataset} since this snapshot`;
  // zfs-fuse and old ZFS have no written@: say what is known instead of inventing a figure
  return `every change made to ${p.dataset} since this snapshot (this ZFS cannot say how much; the dataset holds ${formatBytes(p.referencedNowBytes)} now, ${formatBytes(p.referencedAtSnapshotBytes)} at the snapshot)`;
}

export function RollbackStep({ workload, dataset, snapshot, confirm, onConfirm, onPreview }: Props) {
  const [preview, setPreview] = useState<ZfsRollbackPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setPreview(null);
    onPreview(null);
    request('previewRollback', { name: workload, dataset, snapshot })
      .then((p) => live && (setPreview(p), onPreview(p)))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => void (live = false);
    // onPreview is the parent's setter
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workload, dataset, snapshot]);

  if (error) return <div className="alert" role="alert">{error}</div>;
  if (!preview) return <p className="muted" data-testid="rollback-loading">Listing what a rollback would destroy…</p>;
  return (
    <div className="rw-section" data-testid="rollback-preview">
      <div className="rw-danger">
        <Icon name="alert" />
        <div>
          <strong>
            Rolling {dataset} back to {snapshot} destroys, for good:
          </strong>
          <ul className="rw-destroy-list" data-testid="rollback-destroys">
            <li data-testid="rollback-changes">{changesText(preview)}</li>
            {preview.newer.length === 0 ? (
              <li>no snapshots: this is the newest one</li>
            ) : (
              <li>
                {preview.newer.length} newer snapshot{preview.newer.length === 1 ? '' : 's'}:
                <ul className="rw-snaps">
                  {preview.newer.map((s) => (
                    <li key={s.guid} data-testid="rollback-snapshot" data-name={s.name}>
                      <span className="mono">{s.name}</span>
                      <span className="muted num">
                        {formatDateTime(s.createdAt)} · {formatBytes(s.usedBytes)}
                        {s.held ? ' · held' : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              </li>
            )}
          </ul>
          <p className="muted rw-note">Replicas on the remote are not touched. Restoring as a new dataset instead keeps everything.</p>
        </div>
      </div>
      {preview.clones.length > 0 && (
        <div className="alert" role="alert" data-testid="rollback-blocked">
          Cannot roll back: {preview.clones.map((c) => `${c.name} (cloned from ${c.origin})`).join(', ')} depend{preview.clones.length === 1 ? 's' : ''} on a newer snapshot. Tidemark never destroys clones: destroy or promote{' '}
          {preview.clones.length === 1 ? 'it' : 'them'} first.
        </div>
      )}
      {preview.blocked && preview.clones.length === 0 && (
        <div className="alert" role="alert" data-testid="rollback-blocked">
          Cannot roll back: {preview.blocked}
        </div>
      )}
      {!preview.blocked && (
        <div className="field">
          <label htmlFor="rollback-confirm">
            Type <span className="mono rw-typed">{dataset}</span> to confirm
          </label>
          <input id="rollback-confirm" className="input mono" value={confirm} spellCheck={false} autoComplete="off" onChange={(e) => onConfirm(e.target.value)} data-testid="rollback-confirm" />
        </div>
      )}
    </div>
  );
}
