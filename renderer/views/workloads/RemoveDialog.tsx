import { useState } from 'react';
import type { Workload } from '../../../shared/domain.js';
import { errorMessage, request } from '../../api/index.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { keptDataText } from '../../lib/workload-text.js';
import { useStore } from '../../store/index.js';

export function RemoveDialog({ workload, onClose }: { workload: Workload | null; onClose(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pushToast = useStore((s) => s.pushToast);
  const loadWorkloads = useStore((s) => s.loadWorkloads);

  const confirm = async () => {
    if (!workload) return;
    setBusy(true);
    setError(null);
    try {
      const r = await request('removeWorkload', { name: workload.name });
      await loadWorkloads();
      pushToast({ kind: 'info', title: `Removed ${r.removed}`, body: r.keptData.length ? `Kept on disk: ${r.keptData.join(', ')}` : 'Its backups were left where they are.' });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      open={workload !== null}
      title={`Remove ${workload?.name ?? ''}?`}
      confirmLabel="Remove from Tidemark"
      danger
      busy={busy}
      onConfirm={confirm}
      onCancel={() => (setError(null), onClose())}
    >
      {workload && (
        <>
          <p>Tidemark stops protecting this workload and forgets its schedule and snapshot list.</p>
          <p className="kept-note">
            <strong>Your data on disk is kept:</strong> {keptDataText(workload)} and the source itself stay exactly as they are. Add the workload again to see its backups.
          </p>
          {error && (
            <p className="alert" role="alert">
              {error}
            </p>
          )}
        </>
      )}
    </ConfirmDialog>
  );
}
