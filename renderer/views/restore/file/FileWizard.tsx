import { useState } from 'react';
import type { CasFoundPath, CasPathVersion } from '../../../../shared/contract/cas.js';
import type { Workload } from '../../../../shared/domain.js';
import { isTerminal } from '../../../lib/jobs.js';
import { originalPath } from '../file-names.js';
import { RestoreRun } from '../RestoreRun.js';
import { Steps } from '../Steps.js';
import { useRestoreJob } from '../useRestoreJob.js';
import { FindFile } from './FindFile.js';
import { RestoreVersion } from './RestoreVersion.js';
import { Versions } from './Versions.js';

const STEPS = ['Find the file', 'Pick a version', 'Restore'] as const;
type CasWorkload = Extract<Workload, { engine: 'cas' }>;

/** File first: search a name → every version of it (compare them) → restore the chosen one, by default next to the original. */
export function FileWizard({ workloads, initialWorkload, onWorkload }: { workloads: CasWorkload[]; initialWorkload: string | null; onWorkload(name: string | null): void }) {
  const [step, setStep] = useState(0);
  const [workload, setWorkload] = useState<string | null>(initialWorkload);
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<CasFoundPath | null>(null);
  const [chosen, setChosen] = useState<CasPathVersion | null>(null);
  const run = useRestoreJob();
  const running = run.starting || (run.job !== undefined && !isTerminal(run.job.state));
  const source = workloads.find((w) => w.name === picked?.workload)?.config.source ?? '';
  const original = picked ? originalPath(source, picked.path) : '';

  const pick = (f: CasFoundPath) => {
    setPicked(f);
    setChosen(null);
    setStep(1);
  };
  const restart = () => (run.reset(), setStep(0), setPicked(null), setChosen(null));

  return (
    <section className="card rc-wizard" data-testid="file-wizard">
      <Steps steps={STEPS} current={step} locked={running} onPick={(i) => (run.reset(), setStep(i))} />
      <div className="rc-body">
        {step === 0 && <FindFile workloads={workloads} workload={workload} onWorkload={(w) => (setWorkload(w), onWorkload(w))} query={query} onQuery={setQuery} onPick={pick} />}
        {step === 1 && picked && <Versions workload={picked.workload} path={picked.path} diskPath={original} chosen={chosen} onChoose={setChosen} />}
        {step === 2 && picked && chosen && (
          <>
            {!run.job && <RestoreVersion version={chosen} path={picked.path} original={original} source={source} running={run.starting} onStart={run.start} />}
            {run.error && (
              <div className="alert" role="alert" data-testid="restore-error">
                {run.error}
              </div>
            )}
            {run.job && <RestoreRun job={run.job} />}
          </>
        )}
      </div>
      <div className="form-actions rc-actions">
        {step > 0 && !run.job && (
          <button className="btn" onClick={() => setStep(step - 1)}>
            Back
          </button>
        )}
        {step === 1 && (
          <button className="btn primary" disabled={!chosen || chosen.entry.type !== 'file'} onClick={() => setStep(2)} data-testid="wizard-next">
            Next
          </button>
        )}
        {run.job && isTerminal(run.job.state) && (
          <button className="btn" onClick={restart} data-testid="wizard-again">
            Find another file
          </button>
        )}
      </div>
    </section>
  );
}
