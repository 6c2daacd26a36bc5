// The zfs restore wizard: snapshot → restore as a new dataset (default) or, local side only, roll back
// behind the destroy list → run with progress → result.
import { useEffect, useMemo, useState } from 'react';
import type { ZfsRollbackPreview } from '../../../../shared/contract/zfs.js';
import type { Snapshot, Workload } from '../../../../shared/domain.js';
import { ApiError, errorMessage, request } from '../../../api/index.js';
import { isTerminal } from '../../../lib/jobs.js';
import { useStore } from '../../../store/index.js';
import { JobFailure, JobRun, useJob } from './JobRun.js';
import { datasetProblem, NewDatasetStep, type NewDatasetState } from './NewDatasetStep.js';
import { proposedDataset, zfsMeta } from './naming.js';
import { RollbackStep } from './RollbackStep.js';
import { SnapshotChoice } from './SnapshotChoice.js';
import { WizardShell } from './WizardShell.js';
import { ZfsResult } from './ZfsResult.js';

type ZfsWorkload = Extract<Workload, { engine: 'zfs' }>;
const STEPS = ['Snapshot', 'Restore as', 'Run'] as const;

export function ZfsRestoreWizard({ workload: w, initial, onClose }: { workload: ZfsWorkload; initial?: string; onClose(): void }) {
  const [snaps, setSnaps] = useState<Snapshot[] | null>(null);
  const [selected, setSelected] = useState<string | null>(initial ?? null);
  const [step, setStep] = useState(0);
  const [mode, setMode] = useState<'new' | 'rollback'>('new');
  const [target, setTarget] = useState<NewDatasetState>({ dataset: '', mountpoint: '', customMount: false, mountValid: false });
  const [preview, setPreview] = useState<ZfsRollbackPreview | null>(null);
  const [confirm, setConfirm] = useState('');
  /** bumped when the server refused a stale consent: the destroy list is fetched again and must be re-confirmed */
  const [review, setReview] = useState(0);
  const [jobId, setJobId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const applyJob = useStore((s) => s.applyJob);
  const job = useJob(jobId);

  useEffect(() => {
    // full records: the timeline's columns carry no dataset or snapshot name
    request('listSnapshots', { name: w.name })
      .then((list) => {
        const done = list.filter((s) => s.complete).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
        setSnaps(done);
        setSelected((cur) => (cur && done.some((s) => s.id === cur) ? cur : (done[0]?.id ?? null)));
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [w.name]);
  const snap = useMemo(() => snaps?.find((s) => s.id === selected) ?? null, [snaps, selected]);
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
    setBusy(true);
    setError(null);
    try {
      const j =
        mode === 'new'
          ? await request('startZfsRestore', { snapshotId: snap.id, dataset: target.dataset.trim(), ...(target.customMount ? { mountpoint: target.mountpoint } : {}) })
          : await request('startRollback', { name: w.name, dataset: meta.dataset, snapshot: meta.name, consent: preview!.hash });
      applyJob(j);
      setJobId(j.id);
      setStep(2);
    } catch (e) {
      setError(errorMessage(e));
      if (mode === 'rollback' && e instanceof ApiError && e.code === 'conflict') {
        setConfirm('');
        setReview((r) => r + 1);
      }
    } finally {
      setBusy(false);
    }
  };

  const canRun =
    mode === 'new'
      ? datasetProblem(target.dataset.trim()) === null && (!target.customMount || (target.mountValid && target.mountpoint !== ''))
      : !!preview && !preview.blocked && confirm === meta?.dataset;
  const running = job && !isTerminal(job.state);

  const actions =
    step === 0 ? (
      <>
        <button className="btn" onClick={onClose}>Cancel</button>
        <button className="btn primary" disabled={!snap} onClick={next} data-testid="wizard-next">Next</button>
      </>
    ) : step === 1 ? (
      <>
        <button className="btn" onClick={() => setStep(0)} disabled={busy}>Back</button>
        <button className={mode === 'rollback' ? 'btn danger solid' : 'btn primary'} disabled={!canRun || busy} onClick={run} data-testid="wizard-run">
          {busy ? 'Starting…' : mode === 'rollback' ? `Roll back ${meta?.dataset ?? ''}` : 'Restore as new dataset'}
        </button>
      </>
    ) : (
      <button className="btn primary" onClick={onClose} data-testid="wizard-close">
        {running ? 'Close (keeps running in Transfers)' : 'Done'}
      </button>
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
