import { useEffect, useMemo, useRef, useState } from 'react';
import type { Snapshot, Workload } from '../../../../shared/domain.js';
import { formatBytes, formatCount } from '../../../../shared/format.js';
import { request } from '../../../api/index.js';
import { formatDateTime } from '../../../lib/time.js';
import { isTerminal } from '../../../lib/jobs.js';
import { useStore } from '../../../store/index.js';
import { TreeBrowser } from '../../timeline/TreeBrowser.js';
import { cleanPath } from '../../workloads/form-state.js';
import { RestoreRun } from '../RestoreRun.js';
import { Steps } from '../Steps.js';
import { useRestoreJob } from '../useRestoreJob.js';
import { CONFLICTS, Destination, type Dest } from './Destination.js';
import { PickSnapshot } from './PickSnapshot.js';

const STEPS = ['Snapshot', 'Files', 'Destination', 'Restore'] as const;
type CasWorkload = Extract<Workload, { engine: 'cas' }>;

function findSnapshot(all: Record<string, Snapshot[]>, id: string | null): Snapshot | undefined {
  if (!id) return undefined;
  for (const list of Object.values(all)) for (const s of list) if (s.id === id) return s;
  return undefined;
}

/** Snapshot first: pick a snapshot → pick files in its tree → destination and conflict policy → run and see what was restored. */
export function SnapshotWizard({ workloads, initialSnapshot, onSnapshot }: { workloads: CasWorkload[]; initialSnapshot: string | null; onSnapshot(id: string | null): void }) {
  const snapshots = useStore((s) => s.snapshots);
  const initial = findSnapshot(snapshots, initialSnapshot);
  const [workload, setWorkload] = useState(initial?.workload ?? workloads[0]?.name ?? '');
  const [snap, setSnap] = useState<Snapshot | undefined>(initial);
  const [step, setStep] = useState(initial ? 1 : 0);
  const [everything, setEverything] = useState(false);
  const [include, setInclude] = useState<Set<string>>(new Set());
  const [dest, setDest] = useState<Dest>({ kind: 'folder', folder: '', folderValid: false, conflict: 'fail' });
  const run = useRestoreJob();
  const running = run.starting || (run.job !== undefined && !isTerminal(run.job.state));

  // the snapshot named in the address may arrive with the store, after the first render; only once
  const applied = useRef(Boolean(initial));
  useEffect(() => {
    if (applied.current || !initial) return;
    applied.current = true;
    setSnap(initial);
    setWorkload(initial.workload);
    setStep(1);
  }, [initial]);

  const source = useMemo(() => workloads.find((w) => w.name === (snap?.workload ?? workload))?.config.source ?? '', [workloads, snap, workload]);
  const pick = (s: Snapshot) => {
    applied.current = true; // the address follows the user's pick; it is not a new snapshot to open
    setSnap(s);
    setInclude(new Set());
    onSnapshot(s.id);
  };
  const toggle = (path: string) =>
    setInclude((cur) => {
      const next = new Set(cur);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  const target = dest.kind === 'original' ? source : cleanPath(dest.folder);
  const canNext = [Boolean(snap), everything || include.size > 0, dest.kind === 'original' ? Boolean(source) : dest.folderValid && dest.folder !== ''][step] ?? false;
  const start = () =>
    run.start(() => request('startRestore', { snapshotId: snap!.id, target, conflict: dest.conflict, ...(everything ? {} : { include: [...include] }) }));
  const restart = () => (run.reset(), setStep(1), setInclude(new Set()));

  return (
    <section className="card rc-wizard" data-testid="snapshot-wizard">
      <Steps steps={STEPS} current={step} locked={running} onPick={(i) => (run.reset(), setStep(i))} />
      <div className="rc-body">
        {step === 0 && <PickSnapshot workloads={workloads} workload={workload} onWorkload={(w) => (setWorkload(w), setSnap(undefined))} snapshotId={snap?.id ?? null} onPick={pick} />}
        {step === 1 && snap && (
          <div className="rc-stack">
            <div className="rc-context muted">
              Snapshot of <strong>{snap.workload}</strong> from <span className="num">{formatDateTime(snap.createdAt)}</span> · {formatCount(snap.fileCount)} files · {formatBytes(snap.totalBytes)}
            </div>
            <div className="segmented" role="group" aria-label="What to restore">
              <button type="button" aria-pressed={everything} onClick={() => setEverything(true)} data-testid="restore-everything">
                Everything
              </button>
              <button type="button" aria-pressed={!everything} onClick={() => setEverything(false)}>
                Chosen files and folders{include.size ? ` (${include.size})` : ''}
              </button>
            </div>
            {!everything && <TreeBrowser snapshotId={snap.id} selected={include} onToggle={toggle} />}
            {!everything && include.size > 0 && (
              <div className="rc-picked" data-testid="restore-picked">
                {[...include].sort().map((p) => (
                  <span key={p} className="tag-chip mono">
                    {p}
                    <button type="button" aria-label={`Do not restore ${p}`} onClick={() => toggle(p)}>
                      ×
                    </button>
                  </span>
                ))}
              </div>
            )}
          </div>
        )}
        {step === 2 && <Destination source={source} dest={dest} onChange={setDest} />}
        {step === 3 && snap && (
          <div className="rc-stack">
            {!run.job && (
              <dl className="rc-review" data-testid="restore-review">
                <dt>Snapshot</dt>
                <dd>
                  {snap.workload} · <span className="num">{formatDateTime(snap.createdAt)}</span>
                </dd>
                <dt>What</dt>
                <dd>{everything ? `Everything (${formatCount(snap.fileCount)} files)` : [...include].sort().join(', ')}</dd>
                <dt>To</dt>
                <dd className="mono">{target}</dd>
                <dt>If a file is there</dt>
                <dd>{CONFLICTS.find((c) => c.id === dest.conflict)?.label}</dd>
              </dl>
            )}
            {run.error && (
              <div className="alert" role="alert" data-testid="restore-error">
                {run.error}
              </div>
            )}
            {run.job && <RestoreRun job={run.job} />}
          </div>
        )}
      </div>
      <div className="form-actions rc-actions">
        {step > 0 && !run.job && (
          <button className="btn" onClick={() => setStep(step - 1)}>
            Back
          </button>
        )}
        {step < 3 && (
          <button className="btn primary" disabled={!canNext} onClick={() => setStep(step + 1)} data-testid="wizard-next">
            Next
          </button>
        )}
        {step === 3 && !run.job && (
          <button className="btn primary" disabled={run.starting} onClick={start} data-testid="wizard-run">
            {run.starting ? 'Starting…' : 'Restore'}
          </button>
        )}
        {run.job && (run.job.state === 'succeeded' || run.job.state === 'failed' || run.job.state === 'cancelled') && (
          <button className="btn" onClick={restart} data-testid="wizard-again">
            Restore something else
          </button>
        )}
      </div>
    </section>
  );
}
