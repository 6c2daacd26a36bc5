import type { Job } from '../../../../shared/domain.js';
import { isTerminal } from '../../../lib/jobs.js';

interface Props {
  step: number;
  /** step 0 → 1 */
  canNext: boolean;
  onNext(): void;
  onBack(): void;
  busy: boolean;
  /** the run button of step 1: its words, whether it destroys something (red), whether it may run */
  run: { label: string; danger: boolean; enabled: boolean; onRun(): void };
  job: Job | undefined;
  onClose(): void;
}

/** The footer of the three-step engine wizards: Cancel/Next, Back/Run, then Close (the job keeps running). */
export function WizardActions({ step, canNext, onNext, onBack, busy, run, job, onClose }: Props) {
  if (step === 0)
    return (
      <>
        <button className="btn" onClick={onClose}>Cancel</button>
        <button className="btn primary" disabled={!canNext} onClick={onNext} data-testid="wizard-next">Next</button>
      </>
    );
  if (step === 1)
    return (
      <>
        <button className="btn" onClick={onBack} disabled={busy}>Back</button>
        <button className={run.danger ? 'btn danger solid' : 'btn primary'} disabled={!run.enabled || busy} onClick={run.onRun} data-testid="wizard-run">
          {busy ? 'Starting…' : run.label}
        </button>
      </>
    );
  return (
    <button className="btn primary" onClick={onClose} data-testid="wizard-close">
      {job && !isTerminal(job.state) ? 'Close (keeps running in Transfers)' : 'Done'}
    </button>
  );
}
