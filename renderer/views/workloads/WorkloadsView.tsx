import { Suspense, useState } from 'react';
import type { Workload } from '../../../shared/domain.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Icon } from '../../components/Icon.js';
import { useStore } from '../../store/index.js';
import { addWorkloadForm } from './add-workload-form.js';
import { RemoveDialog } from './RemoveDialog.js';
import { WorkloadRow } from './WorkloadRow.js';

const AddWorkloadForm = addWorkloadForm.Component;

const NO_SNAPSHOTS: never[] = [];

export function WorkloadsView() {
  const workloads = useStore((s) => s.workloads);
  const loaded = useStore((s) => s.workloadsLoaded);
  const loadError = useStore((s) => s.workloadsError);
  const snapshots = useStore((s) => s.snapshots);
  // The job map changes on state changes only; progress ticks live elsewhere in the store.
  const jobsMap = useStore((s) => s.jobs);
  const now = useStore((s) => s.now);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Workload | null>(null);
  const jobs = Object.values(jobsMap);

  const list = (
    <ul className="workload-list" aria-label="Workloads" data-testid="workload-list">
      {workloads.map((w) => (
        <WorkloadRow key={w.id} workload={w} snapshots={snapshots[w.name] ?? NO_SNAPSHOTS} jobs={jobs} now={now} onRemove={setRemoving} />
      ))}
    </ul>
  );

  return (
    <div className="page-inner">
      <header className="page-head">
        <div>
          <h1>Workloads</h1>
          <p className="sub">Everything Tidemark protects, and how recently.</p>
        </div>
        <div className="actions">
          {!adding && workloads.length > 0 && (
            <button className="btn primary" onClick={() => setAdding(true)} data-testid="add-workload">
              <Icon name="plus" />
              Add workload
            </button>
          )}
        </div>
      </header>
      {loadError && (
        <div className="alert" role="alert">
          Could not load workloads: {loadError}
        </div>
      )}
      {adding && (
        <Suspense fallback={null}>
          <AddWorkloadForm onDone={() => setAdding(false)} />
        </Suspense>
      )}
      {loaded && workloads.length === 0 && !adding && !loadError && (
        <div className="card">
          <EmptyState
            icon="wave"
            title="Protect your first workload"
            action={
              <button className="btn primary" onClick={() => setAdding(true)} data-testid="add-workload">
                <Icon name="plus" />
                Add workload
              </button>
            }
          >
            A workload is something Tidemark backs up: a folder, a disk image or a ZFS dataset. Add one, then press <em>Back up now</em> — its history appears on the timeline.
          </EmptyState>
        </div>
      )}
      {workloads.length > 0 && list}
      <RemoveDialog workload={removing} onClose={() => setRemoving(null)} />
    </div>
  );
}
