// State both engine wizards share: the workload's complete snapshots with one selected, and the one
// job the wizard starts (busy while it is requested, the server's refusal as an error).
import { useEffect, useMemo, useState } from 'react';
import type { Job, Snapshot } from '../../../../shared/domain.js';
import { errorMessage, request } from '../../../api/index.js';
import { byCodePoint } from '../../../lib/order.js';
import { useStore } from '../../../store/index.js';
import { useJob } from './JobRun.js';

export function useRestorableSnapshots(workload: string, initial: string | undefined, onError: (message: string) => void) {
  const [snaps, setSnaps] = useState<Snapshot[] | null>(null);
  const [selected, setSelected] = useState<string | null>(initial ?? null);
  useEffect(() => {
    // full records: the timeline's columns carry no engine extras (dataset, checksum …)
    request('listSnapshots', { name: workload })
      .then((list) => {
        const done = list.filter((s) => s.complete).sort((a, b) => byCodePoint(b.createdAt, a.createdAt));
        setSnaps(done);
        setSelected((cur) => (cur && done.some((s) => s.id === cur) ? cur : (done[0]?.id ?? null)));
      })
      .catch((e: unknown) => onError(errorMessage(e)));
  }, [workload]); // onError is a state setter: stable
  const snap = useMemo(() => snaps?.find((s) => s.id === selected) ?? null, [snaps, selected]);
  return { snaps, selected, setSelected, snap };
}

export function useWizardJob() {
  const [jobId, setJobId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const applyJob = useStore((s) => s.applyJob);
  const job = useJob(jobId);
  /** Starts the job; true when the server accepted it. `onRefused` sees the error first. */
  const start = async (submit: () => Promise<Job>, onRefused?: (e: unknown) => void): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      const j = await submit();
      applyJob(j);
      setJobId(j.id);
      return true;
    } catch (e) {
      setError(errorMessage(e));
      onRefused?.(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { job, busy, error, setError, start };
}
