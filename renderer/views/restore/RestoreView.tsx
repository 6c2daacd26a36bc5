import { useShallow } from 'zustand/react/shallow';
import type { Workload } from '../../../shared/domain.js';
import { EmptyState } from '../../components/EmptyState.js';
import { useStore } from '../../store/index.js';
import '../../styles/restore.css';
import { FileWizard } from './file/FileWizard.js';
import { parseRestoreParam, restoreParam, type RestoreRoute } from './restore-route.js';
import { SnapshotWizard } from './snapshot/SnapshotWizard.js';

type CasWorkload = Extract<Workload, { engine: 'cas' }>;

/** The Restore page: "give me yesterday's version of this file" (file first) or "restore from this snapshot" (snapshot first). */
export function RestoreView() {
  const param = useStore((s) => s.route.param);
  const navigate = useStore((s) => s.navigate);
  const loaded = useStore((s) => s.workloadsLoaded);
  const workloads = useStore(useShallow((s) => s.workloads.filter((w): w is CasWorkload => w.engine === 'cas')));
  const route = parseRestoreParam(param);
  const go = (r: RestoreRoute) => navigate({ view: 'restore', param: restoreParam(r) });

  return (
    <div className="page-inner rc-page">
      <header className="page-head">
        <div>
          <h1>Restore</h1>
          <p className="muted">Get a file back from any point in time, or restore a whole snapshot.</p>
        </div>
        <div className="segmented rc-modes" role="tablist" aria-label="How to restore">
          <button type="button" role="tab" aria-selected={route.mode === 'file'} aria-pressed={route.mode === 'file'} onClick={() => go({ mode: 'file', workload: null })} data-testid="mode-file">
            Find a file
          </button>
          <button type="button" role="tab" aria-selected={route.mode === 'snapshot'} aria-pressed={route.mode === 'snapshot'} onClick={() => go({ mode: 'snapshot', snapshotId: null })} data-testid="mode-snapshot">
            From a snapshot
          </button>
        </div>
      </header>
      {loaded && workloads.length === 0 ? (
        <EmptyState icon="folder" title="Nothing to restore yet">
          Add a folder workload and back it up; its files can then be restored from here.
        </EmptyState>
      ) : route.mode === 'file' ? (
        <FileWizard key="file" workloads={workloads} initialWorkload={route.workload} onWorkload={(w) => go({ mode: 'file', workload: w })} />
      ) : (
        <SnapshotWizard key="snapshot" workloads={workloads} initialSnapshot={route.snapshotId} onSnapshot={(id) => go({ mode: 'snapshot', snapshotId: id })} />
      )}
    </div>
  );
}
