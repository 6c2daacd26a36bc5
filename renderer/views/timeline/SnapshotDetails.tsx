import { Suspense, useEffect, useState } from 'react';
import type { Snapshot } from '../../../shared/domain.js';
import { formatBytes, formatCount, formatDuration } from '../../../shared/format.js';
import { errorMessage, request } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { formatDateTime } from '../../lib/time.js';
import { useStore } from '../../store/index.js';
import { RestoreForm } from './RestoreForm.js';
import { engineRestoreWizard, hasEngineWizard } from '../restore/engine-wizards.js';
import { TagEditor } from './TagEditor.js';
import { typeClass } from './lanes.js';

// the zfs and disk wizard is a chunk of its own (most details panels are of cas snapshots)
const EngineRestoreWizard = engineRestoreWizard.Component;

/** Engine extras worth showing; long values (checksums) are shortened. */
function metaEntries(meta: Record<string, unknown>): [string, string][] {
  return Object.entries(meta)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .slice(0, 12)
    .map(([k, v]) => [k, String(v).length > 40 ? `${String(v).slice(0, 20)}…${String(v).slice(-12)}` : String(v)]);
}

export function SnapshotDetails({ snap, onClose, startRestoring = false }: { snap: Snapshot; onClose(): void; startRestoring?: boolean }) {
  const [tags, setTags] = useState(snap.tags);
  const [notes, setNotes] = useState(snap.notes);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(startRestoring);
  const applySnapshot = useStore((s) => s.applySnapshot);
  const pushToast = useStore((s) => s.pushToast);
  useEffect(() => {
    setTags(snap.tags);
    setNotes(snap.notes);
    setError(null);
  }, [snap]);
  useEffect(() => setRestoring(startRestoring), [snap.id, startRestoring]);

  const dirty = notes !== snap.notes || tags.join('\n') !== snap.tags.join('\n');
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const updated = await request('updateSnapshot', { id: snap.id, tags, notes });
      applySnapshot(updated);
      pushToast({ kind: 'success', title: 'Snapshot updated' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  const totalChunks = snap.newChunks + snap.dedupChunks;

  return (
    <aside className="card tl-details" aria-label="Snapshot details" data-testid="snapshot-details">
      <div className="card-head">
        <span className={`tl-dot ${typeClass(snap.type)}`} aria-hidden="true" />
        <div className="ellipsis">
          <h2 className="num">{formatDateTime(snap.createdAt)}</h2>
          <div className="muted">
            {snap.type} · {snap.location}
            {snap.complete ? '' : ' · incomplete'}
            {snap.pinned ? ' · pinned' : ''}
          </div>
        </div>
        <div className="actions">
          <button className="btn ghost small icon" aria-label="Close details" onClick={onClose}>
            <Icon name="close" />
          </button>
        </div>
      </div>
      <div className="card-body tl-details-body">
        {restoring && !hasEngineWizard(snap.engine) ? (
          <RestoreForm snap={snap} onDone={() => setRestoring(false)} />
        ) : (
          snap.complete && (
            <button className="btn" onClick={() => setRestoring(true)} data-testid="restore-open">
              <Icon name="restore" />
              Restore this snapshot…
            </button>
          )
        )}
        {!restoring && snap.complete && snap.engine === 'cas' && (
          <a className="btn" href={`#/restore/${encodeURIComponent(`snapshot/${snap.id}`)}`} data-testid="restore-wizard-open">
            <Icon name="restore" />
            Restore step by step…
          </a>
        )}
        {restoring && hasEngineWizard(snap.engine) && (
          <Suspense fallback={null}>
            <EngineRestoreWizard workloadId={snap.workloadId} initial={snap.id} onClose={() => setRestoring(false)} />
          </Suspense>
        )}
        <dl className="tl-stats">
          <div>
            <dt>Files</dt>
            <dd className="num">{formatCount(snap.fileCount)}</dd>
          </div>
          <div>
            <dt>Size</dt>
            <dd className="num">{formatBytes(snap.totalBytes)}</dd>
          </div>
          <div>
            <dt>Stored</dt>
            <dd className="num">{formatBytes(snap.storedBytes)}</dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd className="num">{formatDuration(snap.durationMs)}</dd>
          </div>
          {totalChunks > 0 && (
            <div className="span-all">
              <dt>New vs deduplicated</dt>
              <dd className="num">
                {formatCount(snap.newChunks)} new · {formatCount(snap.dedupChunks)} reused ({((snap.dedupChunks / totalChunks) * 100).toFixed(1)}%)
              </dd>
              <div className="dedup-bar" aria-hidden="true">
                <div style={{ width: `${(snap.newChunks / totalChunks) * 100}%` }} />
              </div>
            </div>
          )}
        </dl>
        <div className="field">
          <label htmlFor="snap-tags">Tags</label>
          <TagEditor tags={tags} onChange={setTags} inputId="snap-tags" />
        </div>
        <div className="field">
          <label htmlFor="snap-notes">Notes</label>
          <textarea id="snap-notes" className="textarea" value={notes} maxLength={4000} onChange={(e) => setNotes(e.target.value)} placeholder="What was special about this backup?" data-testid="notes-input" />
        </div>
        {error && (
          <div className="alert" role="alert">
            {error}
          </div>
        )}
        <div className="form-actions">
          <button className="btn" disabled={!dirty || saving} onClick={() => (setTags(snap.tags), setNotes(snap.notes))}>
            Revert
          </button>
          <button className="btn primary" disabled={!dirty || saving} onClick={save} data-testid="save-snapshot">
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
        <dl className="kv small">
          <dt>ID</dt>
          <dd className="mono">{snap.id}</dd>
          {metaEntries(snap.meta).map(([k, v]) => (
            <div key={k} className="contents">
              <dt>{k}</dt>
              <dd className="mono">{v}</dd>
            </div>
          ))}
        </dl>
      </div>
    </aside>
  );
}
