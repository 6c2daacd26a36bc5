import { useState } from 'react';
import type { Snapshot } from '../../../shared/domain.js';
import { errorMessage, hasMethod, request } from '../../api/index.js';
import { PathField } from '../../components/PathField.js';
import { useStore } from '../../store/index.js';
import { TreeBrowser } from './TreeBrowser.js';
import { cleanPath } from '../workloads/form-state.js';

const CONFLICTS = [
  { id: 'fail', label: 'Stop if a file already exists' },
  { id: 'skip', label: 'Keep existing files' },
  { id: 'keep-both', label: 'Keep both (rename the restored copy)' },
  { id: 'overwrite', label: 'Overwrite existing files' },
] as const;

/** Restore one snapshot to a path the server checks; the job then shows in Transfers like any other. */
export function RestoreForm({ snap, onDone }: { snap: Snapshot; onDone(): void }) {
  const [target, setTarget] = useState('');
  const [valid, setValid] = useState(false);
  const [conflict, setConflict] = useState<(typeof CONFLICTS)[number]['id']>('fail');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const applyJob = useStore((s) => s.applyJob);
  const pushToast = useStore((s) => s.pushToast);
  const isImage = snap.engine === 'disk';
  const canBrowse = snap.engine === 'cas' && hasMethod('listTree');
  const [picking, setPicking] = useState(false);
  const [include, setInclude] = useState<Set<string>>(new Set());
  const toggle = (path: string) =>
    setInclude((cur) => {
      const next = new Set(cur);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const job = await request('startRestore', { snapshotId: snap.id, target: cleanPath(target), ...(isImage ? {} : { conflict }), ...(picking && include.size ? { include: [...include] } : {}) });
      applyJob(job);
      pushToast({ kind: 'info', title: `Restoring ${snap.workload}`, body: `to ${cleanPath(target)} — follow it in Transfers.`, href: '#/transfers' });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="restore-form" data-testid="restore-form">
      <PathField
        label={isImage ? 'Restore the image to' : 'Restore the files into'}
        value={target}
        onChange={setTarget}
        expect={isImage ? 'any' : 'directory'}
        mayNotExist
        placeholder={isImage ? '/srv/restored.img' : '/home/me/restored'}
        hint={isImage ? 'A new file, or a device that is not in use.' : 'A folder; it is created when missing.'}
        testId="restore-target"
        onValidity={setValid}
      />
      {canBrowse && (
        <div className="field">
          <span className="field-label">What to restore</span>
          <div className="segmented" role="group" aria-label="What to restore">
            <button type="button" aria-pressed={!picking} onClick={() => setPicking(false)}>
              Everything
            </button>
            <button type="button" aria-pressed={picking} onClick={() => setPicking(true)} data-testid="restore-pick">
              Chosen files{include.size ? ` (${include.size})` : ''}
            </button>
          </div>
          {picking && <TreeBrowser snapshotId={snap.id} selected={include} onToggle={toggle} />}
        </div>
      )}
      {!isImage && (
        <div className="field">
          <label htmlFor="restore-conflict">When a file is already there</label>
          <select id="restore-conflict" className="select" value={conflict} onChange={(e) => setConflict(e.target.value as typeof conflict)}>
            {CONFLICTS.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {error && (
        <div className="alert" role="alert" data-testid="restore-error">
          {error}
        </div>
      )}
      <div className="form-actions">
        <button className="btn" onClick={onDone} disabled={busy}>
          Cancel
        </button>
        <button className="btn primary" onClick={start} disabled={!valid || target === '' || busy || (picking && include.size === 0)} data-testid="restore-start">
          {busy ? 'Starting…' : 'Restore'}
        </button>
      </div>
    </div>
  );
}
