// The zfs restore wizard: snapshot → restore as a new dataset (default) or, local side only, roll back
// behind the destroy list → run with progress → result.
import { useState } from 'react';
import type { ZfsRollbackPreview } from '../../../../shared/contract/zfs.js';
import type { Workload } from '../../../../shared/domain.js';
import { ApiError, request } from '../../../api/index.js';
import { JobFailure, JobRun } from './JobRun.js';
import { datasetProblem, NewDatasetStep, type NewDatasetState } from './NewDatasetStep.js';
import { proposedDataset, zfsMeta } from './naming.js';
import { RollbackStep } from './RollbackStep.js';
import { SnapshotChoice } from './SnapshotChoice.js';
import { useRestorableSnapshots, useWizardJob } from './useWizardState.js';
import { WizardActions } from './WizardActions.js';
import { WizardShell } from './WizardShell.js';
import { ZfsResult } from './ZfsResult.js';

type ZfsWorkload = Extract<Workload, { engine: 'zfs' }>;
const STEPS = ['Snapshot', 'Restore as', 'Run'] as const;

export function ZfsRestoreWizard({ workload: w, initial, onClose }: { workload: ZfsWorkload; initial?: string; onClose(): void }) {
  const { job, busy, error, setError, start } = useWizardJob();
  const { snaps, selected, setSelected, snap } = useRestorableSnapshots(w.name, initial, setError);
  const [step, setStep] = useState(0);
  const [mode, setMode] = useState<'new' | 'rollback'>('new');
  const [target, setTarget] = useState<NewDatasetState>({ dataset: '', mountpoint: '', customMount: false, mountValid: false });
  const [preview, setPreview] = useState<ZfsRollbackPreview | null>(null);
  const [confirm, setConfirm] = useState('');
  /** bumped when the server refused a stale consent: the destroy list is fetched again and must be re-confirmed */
  const [review, setReview] = useState(0);
  const meta = snap ? zfsMeta(snap) : null;
  const local = snap?.location === 'local';

  const next = () => {
    if (!snap) return;
    setTarget((t) => ({ ...t, dataset: proposedDataset(w, snap) }));
    setMode('new');
    setConfirm('');
    setError(null);
    setStep(1);
  };
  const run = async () => {
    if (!snap || !meta) return;
    const submit = () =>
      mode === 'new'
        ? request('startZfsRestore', { snapshotId: snap.id, dataset: target.dataset.trim(), ...(target.customMount ? { mountpoint: target.mountpoint } : {}) })
        : request('startRollback', { name: w.name, dataset: meta.dataset, snapshot: meta.name, consent: preview!.hash });
    const refused = (e: unknown) => {
      if (mode === 'rollback' && e instanceof ApiError && e.code === 'conflict') {
        setConfirm('');
        setReview((r) => r + 1);
      }
    };
    if (await start(submit, refused)) setStep(2);
  };

  const canRun =
    mode === 'new'
      ? datasetProblem(target.dataset.trim()) === null && (!target.customMount || (target.mountValid && target.mountpoint !== ''))
      : !!preview && !preview.blocked && confirm === meta?.dataset;
  const actions = (
    <WizardActions
      step={step}
      canNext={!!snap}
      onNext={next}
      onBack={() => setStep(0)}
      busy={busy}
      run={{ label: mode === 'rollback' ? `Roll back ${meta?.dataset ?? ''}` : 'Restore as new dataset', danger: mode === 'rollback', enabled: canRun, onRun: run }}
      job={job}
      onClose={onClose}
    />
  );

  return (
    <WizardShell title={`Restore ${w.name}`} subtitle={snap && meta ? `${meta.dataset}@${meta.name} · ${snap.location}` : 'ZFS snapshot'} steps={STEPS} current={step} testId="zfs-restore-wizard" actions={actions} onClose={onClose}>
      {step === 0 &&
        (snaps === null ? (
          <p className="muted">{error ?? 'Loading snapshots…'}</p>
        ) : (
          <SnapshotChoice
            label="Which snapshot?"
            snapshots={snaps}
            selected={selected}
            onSelect={setSelected}
            empty="This workload has no snapshots yet."
            describe={(s) => (
              <>
                <span className={`rw-lane ${s.location}`}>{s.location === 'local' ? 'local' : 'remote'}</span>
                <span className="mono rw-snapname">{zfsMeta(s).name}</span>
                <span className="mono muted ellipsis" title={`${zfsMeta(s).dataset}@${zfsMeta(s).name}`}>
                  {zfsMeta(s).dataset}
                </span>
              </>
            )}
          />
        ))}
      {step === 1 && snap && meta && (
        <>
          <div className="segmented rw-modes" role="radiogroup" aria-label="How to restore">
            <button type="button" role="radio" aria-checked={mode === 'new'} onClick={() => setMode('new')} data-testid="mode-new">
              New dataset (recommended)
            </button>
            <button type="button" role="radio" aria-checked={mode === 'rollback'} disabled={!local} title={local ? undefined : 'Only the local dataset can be rolled back, never the replica'} onClick={() => setMode('rollback')} data-testid="mode-rollback">
              Roll back {local ? meta.dataset : '(local snapshots only)'}
            </button>
          </div>
          {mode === 'new' ? (
            <NewDatasetStep state={target} onPatch={(p) => setTarget((t) => ({ ...t, ...p }))} how={local ? 'The snapshot is cloned: instant, and it shares its blocks with the original.' : 'The snapshot is received back from the remote over SSH.'} />
          ) : (
            <RollbackStep key={review} workload={w.name} dataset={meta.dataset} snapshot={meta.name} confirm={confirm} onConfirm={setConfirm} onPreview={setPreview} />
          )}
        </>
      )}
      {step === 2 && job && (
        <>
          <JobRun job={job} label={mode === 'new' ? 'Restore' : 'Rollback'} />
          <ZfsResult job={job} mode={mode} />
          <JobFailure job={job} />
        </>
      )}
      {error && step !== 0 && (
        <div className="alert" role="alert" data-testid="wizard-error">
          {error}
        </div>
      )}
    </WizardShell>
  );
}
