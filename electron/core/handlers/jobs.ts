import { CodedError } from '../../../shared/result.js';
import { toJob } from '../catalog/jobs.js';
import type { HandlerContext } from './context.js';
import type { HandlerMap } from './types.js';
import { requireReadable } from './workloads.js';

export function jobHandlers(ctx: HandlerContext): HandlerMap<'listJobs' | 'getJob' | 'cancelJob' | 'startEstimate'> {
  const { catalog, jobs } = ctx;
  return {
    listJobs: async ({ states, limit }) =>
      catalog.jobs.list({ ...(states ? { states } : {}), ...(limit ? { limit } : {}) }).map((r) => (r.state === 'queued' ? jobs.get(r.id) : toJob(r))),
    getJob: async ({ id }) => ({ ...jobs.get(id), logs: catalog.jobs.logs(id) }),
    cancelJob: async ({ id }) => jobs.cancel(id),
    startEstimate: async ({ name }) => {
      const w = catalog.workloads.get(name);
      if (w.engine !== 'cas') throw new CodedError('bad-input', `estimate walks a folder: "${name}" is a ${w.engine} workload`);
      await requireReadable(w.config.source, 'directory');
      // An estimate only reads: it takes no lock, so it can run beside a backup of the same workload.
      return jobs.submit({ kind: 'estimate', input: { root: w.config.source }, lockKeys: [], title: `estimate of ${name}`, workloadId: w.id });
    },
  };
}
