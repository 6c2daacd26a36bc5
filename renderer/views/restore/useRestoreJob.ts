import { useState } from 'react';
import type { Job } from '../../../shared/domain.js';
import { errorMessage } from '../../api/index.js';
import { useStore } from '../../store/index.js';

/** Starts a restore job and follows it through the store (jobUpdated / jobProgress events). */
export function useRestoreJob() {
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const applyJob = useStore((s) => s.applyJob);
  const job = useStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const start = async (submit: () => Promise<Job>) => {
    setStarting(true);
    setError(null);
    try {
      const j = await submit();
      // events may have told the store about the job already (a small restore can be done by now)
      if (!useStore.getState().jobs[j.id]) applyJob(j);
      setJobId(j.id);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setStarting(false);
    }
  };
  const reset = () => (setJobId(null), setError(null));
  return { job, error, starting, start, reset };
}
