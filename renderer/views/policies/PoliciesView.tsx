import { EmptyState } from '../../components/EmptyState.js';
import { useStore } from '../../store/index.js';
import { useState } from 'react';
import { PolicyCard } from './PolicyCard.js';
import { RetentionEditor } from './RetentionEditor.js';

export function PoliciesView() {
  const workloads = useStore((s) => s.workloads);
  const loaded = useStore((s) => s.workloadsLoaded);
  const navigate = useStore((s) => s.navigate);
  const focus = useStore((s) => s.route.param);
  const [editing, setEditing] = useState<string | null>(null);
  const edited = workloads.find((w) => w.name === editing);
  return (
    <div className="page-inner">
      <header className="page-head">
        <div>
          <h1>Policies</h1>
          <p className="sub">How often each workload is backed up, and which backups are kept.</p>
        </div>
      </header>
      {loaded && workloads.length === 0 ? (
        <div className="card">
          <EmptyState
            icon="policies"
            title="No workloads yet"
            action={
              <button className="btn primary" onClick={() => navigate({ view: 'workloads', param: null })}>
                Go to Workloads
              </button>
            }
          >
            Policies belong to workloads. Add a workload first; you can pick its schedule and retention here afterwards.
          </EmptyState>
        </div>
      ) : (
        <>
          {edited && <RetentionEditor key={edited.id} workload={edited} onClose={() => setEditing(null)} />}
          <div className="policy-grid">
            {workloads.map((w) => (
              <PolicyCard key={w.id} workload={w} focused={w.name === focus} onEdit={() => setEditing(w.name)} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
