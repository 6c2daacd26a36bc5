import { useState } from 'react';
import type { Job, RetentionPolicy, Workload } from '../../../shared/domain.js';
import { formatBytes, formatCount } from '../../../shared/format.js';
import { ApiError, errorMessage, request } from '../../api/index.js';
import { useStore } from '../../store/index.js';
import { PreviewStrip } from './PreviewStrip.js';
import { ReasonList } from './ReasonList.js';
import { RuleFields } from './RuleFields.js';
import { TIME_ZONE, useRetentionPreview } from './useRetentionPreview.js';
import { WhatIf } from './WhatIf.js';
import { ZfsSides } from './ZfsSides.js';

const NONE: never[] = [];

/** Edit a workload's retention with a live keep/delete preview on its real snapshots; apply = save + prune job. */
export function RetentionEditor({ workload: w, onClose }: { workload: Workload; onClose(): void }) {
  const snapshots = useStore((s) => s.snapshots[w.name]) ?? NONE;
  const loadWorkloads = useStore((s) => s.loadWorkloads);
  const applyJob = useStore((s) => s.applyJob);
  const pushToast = useStore((s) => s.pushToast);
  const [policy, setPolicy] = useState<RetentionPolicy>(w.policy);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ reasons: string[] } | null>(null);
  const [typed, setTyped] = useState('');
  const preview = useRetentionPreview(w.name, snapshots, policy);
  const r = preview.result;
  // zfs prunes per dataset and side with the planner's protections: its preview comes from the server
  const zfs = w.engine === 'zfs';
  const deleted = r && !zfs ? r.items.filter((i) => !i.keep) : [];
  const freed = r ? (r.bytesFreed ?? null) : null;

  const save = async (prune: boolean, confirmName?: string) => {
    setBusy(true);
    setError(null);
    try {
      await request('updateWorkload', { name: w.name, policy });
      await loadWorkloads();
      if (!prune) {
        pushToast({ kind: 'success', title: `Saved the retention of ${w.name}` });
        onClose();
        return;
      }
      const out = await request('startPrune', { name: w.name, timeZone: TIME_ZONE, ...(confirmName ? { confirm: confirmName } : {}) });
      if ('state' in out) {
        applyJob(out as Job);
        pushToast({ kind: 'info', title: `Pruning ${w.name}`, body: zfs ? 'Follow it in Transfers.' : `${formatCount(deleted.length)} snapshots go; follow it in Transfers.`, href: '#/transfers' });
      } else pushToast({ kind: 'success', title: `Saved; nothing to prune in ${w.name}` });
      onClose();
    } catch (e) {
      // The safety rails: deleting more than half (or the newest) needs the name typed, never a click.
      if (e instanceof ApiError && e.code === 'needs-confirmation') setConfirm({ reasons: (e.details as { reasons?: string[] } | undefined)?.reasons ?? [e.message] });
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card retention-editor span-all" aria-label={`Retention of ${w.name}`} data-testid="retention-editor">
      <div className="card-head">
        <h2>Retention of {w.name}</h2>
        <span className="muted">{zfs ? 'each dataset on each side, as replication prunes it' : ''}</span>
      </div>
      <div className="card-body editor-grid">
        <RuleFields policy={policy} onChange={setPolicy} />
        <div className="preview" aria-live="polite">
          {preview.error ? (
            <div className="alert" role="alert" data-testid="policy-error">
              {preview.error}
            </div>
          ) : r && w.engine === 'zfs' ? (
            <ZfsSides workload={w} policy={policy} />
          ) : r ? (
            <>
              <div className="preview-totals" data-testid="preview-totals">
                <div>
                  <span className="big num" data-testid="preview-kept">
                    {formatCount(r.kept)}
                  </span>
                  <span className="muted">kept</span>
                </div>
                <div className={r.deleted ? 'danger-text' : ''}>
                  <span className="big num" data-testid="preview-deleted">
                    {formatCount(r.deleted)}
                  </span>
                  <span className="muted">deleted</span>
                </div>
                <div>
                  <span className="big num">{freed === null ? '—' : formatBytes(freed)}</span>
                  <span className="muted">freed at most</span>
                </div>
                <span className="faint num">computed in {preview.ms.toFixed(0)} ms</span>
              </div>
              <PreviewStrip result={r} />
              <div className="preview-legend">
                <span>above the line: kept</span>
                <span>below: deleted</span>
                <span>oldest on the left, newest on the right</span>
              </div>
              <ReasonList result={r} />
            </>
          ) : null}
          <WhatIf policy={policy} schedule={w.schedule} />
          {confirm && (
            <div className="conn-box warn" role="alert" data-testid="prune-confirm">
              <strong>This prune needs your confirmation:</strong> {confirm.reasons.join('; ')}. Type <code>{w.name}</code> to {zfs ? 'prune' : `delete ${formatCount(deleted.length)} snapshots`}.
              <input className="input" value={typed} onChange={(e) => setTyped(e.target.value)} aria-label="Workload name to confirm" data-testid="prune-confirm-input" />
              <div className="form-actions">
                <button className="btn danger solid" disabled={typed !== w.name || busy} onClick={() => save(true, typed)} data-testid="prune-confirm-button">
                  {zfs ? 'Prune' : `Delete ${formatCount(deleted.length)} snapshots`}
                </button>
              </div>
            </div>
          )}
          {error && (
            <div className="alert" role="alert">
              {error}
            </div>
          )}
        </div>
      </div>
      <div className="card-body form-actions with-border">
        <button className="btn" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button className="btn" onClick={() => save(false)} disabled={busy || !r} data-testid="policy-save">
          Save policy
        </button>
        <button className="btn primary" onClick={() => save(true)} disabled={busy || !r || (!zfs && r.deleted === 0)} data-testid="policy-apply">
          Save and prune now
        </button>
      </div>
    </section>
  );
}
