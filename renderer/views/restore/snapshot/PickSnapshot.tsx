import type { Snapshot, Workload } from '../../../../shared/domain.js';
import { formatBytes, formatCount } from '../../../../shared/format.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { formatAgo, formatDateTime } from '../../../lib/time.js';
import { useStore } from '../../../store/index.js';

const MAX_SHOWN = 200;

interface Props {
  workloads: Workload[];
  workload: string;
  onWorkload(name: string): void;
  snapshotId: string | null;
  onPick(s: Snapshot): void;
}

/** Step 1: a cas workload, then one of its complete snapshots, newest first. */
export function PickSnapshot({ workloads, workload, onWorkload, snapshotId, onPick }: Props) {
  const all = useStore((s) => s.snapshots[workload]);
  const now = useStore((s) => s.now);
  const snaps = (all ?? []).filter((s) => s.complete).slice(-MAX_SHOWN).reverse();
  return (
    <div className="rc-stack">
      <div className="rc-inline">
        <label htmlFor="rc-workload">Workload</label>
        <select id="rc-workload" className="select" value={workload} onChange={(e) => onWorkload(e.target.value)} data-testid="restore-workload">
          {workloads.map((w) => (
            <option key={w.name} value={w.name}>
              {w.name} — {w.engine === 'cas' ? w.config.source : ''}
            </option>
          ))}
        </select>
      </div>
      {snaps.length === 0 ? (
        <EmptyState icon="timeline" title="No snapshots yet">
          Back up {workload} first; its snapshots appear here.
        </EmptyState>
      ) : (
        <ul className="rc-choices" role="radiogroup" aria-label="Snapshot">
          {snaps.map((s) => (
            <li key={s.id}>
              <label className={s.id === snapshotId ? 'rc-choice selected' : 'rc-choice'} data-testid="restore-snapshot" data-id={s.id}>
                <input type="radio" name="rc-snapshot" checked={s.id === snapshotId} onChange={() => onPick(s)} />
                <span className="rc-choice-main">
                  <span>
                    <strong className="num">{formatDateTime(s.createdAt)}</strong>
                    <span className="muted"> · {formatAgo(s.createdAt, now)}</span>
                  </span>
                  <span className="rc-choice-sub">
                    <span className="badge plain">{s.type}</span>
                    {s.tags.map((t) => (
                      <span key={t} className="tag-chip">
                        {t}
                      </span>
                    ))}
                    {s.notes && <span className="muted ellipsis">{s.notes}</span>}
                  </span>
                </span>
                <span className="num muted rc-choice-side">
                  {formatCount(s.fileCount)} files
                  <br />
                  {formatBytes(s.totalBytes)}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
