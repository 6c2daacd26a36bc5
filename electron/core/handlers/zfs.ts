import type { z } from 'zod';
import type { Job } from '../../../shared/domain.js';
import type { MethodDef } from '../../../shared/contract/define.js';
import { zfsMethods } from '../../../shared/contract/zfs.js';
import { CodedError } from '../../../shared/result.js';
import { syncRequest, workloadInput, type ZfsWorkload } from '../engines/zfs/adapter.js';
import { probeCapabilities } from '../engines/zfs/capabilities.js';
import { inventory } from '../engines/zfs/inventory.js';
import { connectRemote, openSides, poolOf } from '../engines/zfs/session.js';
import { inventories, planFor } from '../engines/zfs/sync.js';
import type { HandlerContext } from './context.js';

type ZfsMethods = typeof zfsMethods;
/** Same shape as HandlerMap<…> once zfsMethods is spread into shared/contract/index.ts. */
export type ZfsHandlers = {
  [K in keyof ZfsMethods]: (input: z.output<ZfsMethods[K]['input']>) => Promise<ZfsMethods[K] extends MethodDef<z.ZodType, infer O> ? O : never>;
};

function zfsWorkload(ctx: HandlerContext, name: string): ZfsWorkload {
  const w = ctx.catalog.workloads.get(name);
  if (w.engine !== 'zfs') throw new CodedError('bad-input', `${name} is a ${w.engine} workload: only zfs workloads replicate`);
  return w;
}

export function zfsHandlers(ctx: HandlerContext): ZfsHandlers {
  const env = { dataDir: ctx.dataDir };
  return {
    testConnection: async ({ acceptHostKey, ...remote }) => {
      const ssh = await connectRemote(remote, ctx.dataDir, acceptHostKey);
      try {
        const host = { exec: ssh, zfsPath: remote.zfsPath ?? 'zfs' };
        const capabilities = await probeCapabilities(host, poolOf(remote.dataset));
        const inv = await inventory(host, remote.dataset, capabilities);
        return { host: `${remote.host}:${remote.port}`, ...ssh.hostKey, capabilities, datasetExists: inv.exists };
      } finally {
        ssh.close();
      }
    },
    // Planning only lists both sides (a few zfs commands, async I/O) and runs the pure planner: cheap enough for main.
    planSync: async ({ name, acceptHostKey }) => {
      const w = zfsWorkload(ctx, name);
      const input = workloadInput(w, env, acceptHostKey);
      const sides = await openSides(w.config, ctx.dataDir, acceptHostKey);
      try {
        return planFor(input, await inventories(sides, w.config), sides);
      } finally {
        sides.close();
      }
    },
    startSync: async ({ name, dryRun, consent, acceptHostKey }): Promise<Job> => {
      const w = zfsWorkload(ctx, name);
      const req = syncRequest(w, env, { dryRun, ...(consent ? { consent } : {}), ...(acceptHostKey ? { acceptHostKey } : {}) });
      return ctx.jobs.submit({ ...req, workloadId: w.id });
    },
  };
}
