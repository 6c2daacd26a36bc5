// The disk restore wizard: image → target (with every in-use check shown before anything is written)
// → run with progress → result with the verified checksum.
import { useEffect, useState } from 'react';
import type { Snapshot, Workload } from '../../../../shared/domain.js';
import { formatBytes } from '../../../../shared/format.js';
import { request } from '../../../api/index.js';
import { PathField } from '../../../components/PathField.js';
import { formatDateTime } from '../../../lib/time.js';
import { cleanPath } from '../../workloads/form-state.js';
import { JobFailure, JobRun } from '../zfs/JobRun.js';
import { SnapshotChoice } from '../zfs/SnapshotChoice.js';
import { useRestorableSnapshots, useWizardJob } from '../zfs/useWizardState.js';
import { WizardActions } from '../zfs/WizardActions.js';
import { WizardShell } from '../zfs/WizardShell.js';
import { DiskResult } from './DiskResult.js';
import { TargetChecks, useTargetReport } from './TargetChecks.js';

const STEPS = ['Image', 'Target', 'Run'] as const;
const shortSum = (s: Snapshot) => (typeof s.meta.checksum === 'string' ? `sha256 ${s.meta.checksum.slice(0, 12)}…` : '');

export function DiskRestoreWizard({ workload: w, initial, onClose }: { workload: Extract<Workload, { engine: 'disk' }>; initial?: string; onClose(): void }) {
  const { job, busy, error, setError, start } = useWizardJob();
  const { snaps, selected, setSelected, snap } = useRestorableSnapshots(w.name, initial, setError);
  const [step, setStep] = useState(0);
  const [target, setTarget] = useState('');
  const [valid, setValid] = useState(false);
  const [replace, setReplace] = useState(false);
  const path = cleanPath(target);
  const { report, error: checkError, checking } = useTargetReport(selected ?? '', path, valid && step === 1);
  useEffect(() => setReplace(false), [path]);

  const run = async () => {
    if (snap && (await start(() => request('startRestore', { snapshotId: snap.id, target: path, force: replace })))) setStep(2);
  };
  const canRun = !!report && report.ok && (!report.exists || replace) && !checking;
  const replacing = !!report?.ok && report.exists;
  const actions = (
    <WizardActions
      step={step}
      canNext={!!snap}
      onNext={() => (setError(null), setStep(1))}
      onBack={() => setStep(0)}
      busy={busy}
      run={{ label: replacing ? 'Replace and restore' : 'Restore image', danger: replacing, enabled: canRun, onRun: run }}
      job={job}
      onClose={onClose}
    />
  );

  return (
    <WizardShell title={`Restore ${w.name}`} subtitle={snap ? `image of ${formatDateTime(snap.createdAt)} · ${formatBytes(snap.totalBytes)}` : 'Disk image'} steps={STEPS} current={step} testId="disk-restore-wizard" actions={actions} onClose={onClose}>
      {step === 0 &&
        (snaps === null ? (
          <p className="muted">{error ?? 'Loading images…'}</p>
        ) : (
          <SnapshotChoice
            label="Which image?"
            snapshots={snaps}
            selected={selected}
            onSelect={setSelected}
            empty="This workload has no images yet."
            describe={(s) => (
              <>
                <span className="num">{formatBytes(s.totalBytes)}</span>
                <span className="muted">{s.meta.filesystem && s.meta.filesystem !== 'unknown' ? String(s.meta.filesystem) : 'no filesystem detected'}</span>
                <span className="mono muted">{shortSum(s)}</span>
              </>
            )}
          />
        ))}
      {step === 1 && snap && (
        <>
          <PathField label="Restore the image to" value={target} onChange={setTarget} expect="any" mayNotExist placeholder="/srv/restored.img" hint="A new file, an idle file to replace, or a block device that is not in use." testId="disk-target" onValidity={setValid} />
          {checking && <p className="muted" data-testid="target-checking">Checking the target…</p>}
          {checkError && <div className="alert" role="alert">{checkError}</div>}
          {report && <TargetChecks report={report} />}
          {report?.ok && report.exists && (
            <label className="rw-confirm" data-testid="disk-replace">
              <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
              Replace everything in <span className="mono">{report.target}</span> with this image
            </label>
          )}
        </>
      )}
      {step === 2 && job && snap && (
        <>
          <JobRun job={job} label="Restore" />
          <DiskResult job={job} snap={snap} />
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
