import { readdir } from 'node:fs/promises';
import type { z } from 'zod';
import type { Job } from '../../../shared/domain.js';
import type { MethodDef } from '../../../shared/contract/define.js';
import { zfsMethods, zfsRestoreMethods } from '../../../shared/contract/zfs.js';
import { CodedError } from '../../../shared/result.js';
import { snapOf, syncRequest, workloadInput, zfsAdapter, type ZfsWorkload } from '../engines/zfs/adapter.js';
import { ZFS_JOBS } from '../engines/zfs/kinds.js';
import type { ZfsRestoreAsInput } from '../engines/zfs/restore-as.js';
import { checkRollbackScope, previewRollback, type ZfsRollbackInput } from '../engines/zfs/rollback.js';
import { probeCapabilities } from '../engines/zfs/capabilities.js';
import { inventory } from '../engines/zfs/inventory.js';
import { connectRemote, openSides, poolOf } from '../engines/zfs/session.js';
import { inventories, planFor } from '../engines/zfs/sync.js';
import type { HandlerContext } from './context.js';

type ZfsMethods = typeof zfsMethods & typeof zfsRestoreMethods;
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
    ...restoreHandlers(ctx),
  };
}

/** ZFS mounts over a folder only when it is empty (or absent: it is created). */
async function emptyMountpoint(path: string): Promise<string> {
  const entries = await readdir(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw new CodedError('bad-input', `the mount point ${path} is not a usable folder (${e.code ?? e.message})`);
  });
  if (entries.length) throw new CodedError('conflict', `the mount point ${path} is not empty: choose an empty or new folder`);
  return path;
}

/** The restore wizard's methods: a new dataset by default, a rollback only against a reviewed destroy list. */
function restoreHandlers(ctx: HandlerContext): Pick<ZfsHandlers, keyof typeof zfsRestoreMethods> {
  const env = { dataDir: ctx.dataDir };
  // main previews (a few zfs commands) so the user hears at once; the job checks the same hash again
  const preview = async (w: ZfsWorkload, dataset: string, snapshot: string) => {
    checkRollbackScope(w.config.dataset, dataset);
    const sides = await openSides({ ...w.config, remote: undefined }, ctx.dataDir);
    try {
      return await previewRollback(sides.local, dataset, snapshot);
    } finally {
      sides.close();
    }
  };
  return {
    previewRollback: async ({ name, dataset, snapshot }) => preview(zfsWorkload(ctx, name), dataset, snapshot),
    startRollback: async ({ name, dataset, snapshot, consent }) => {
      const w = zfsWorkload(ctx, name);
      const p = await preview(w, dataset, snapshot);
      if (p.hash !== consent) throw new CodedError('conflict', `${dataset} changed since you reviewed the rollback: nothing was rolled back — review it again`);
      if (p.blocked) throw new CodedError('conflict', p.blocked);
      const input: ZfsRollbackInput = { ...workloadInput(w, env), dataset, snapshot, consent };
      return ctx.jobs.submit({ kind: ZFS_JOBS.rollback, input, lockKeys: zfsAdapter.lockKeys(w), title: `rollback of ${dataset} to ${snapshot}`, workloadId: w.id });
    },
    startZfsRestore: async ({ snapshotId, dataset, mountpoint }) => {
      const s = ctx.catalog.snapshots.get(snapshotId);
      const w = ctx.catalog.workloads.getById(s.workloadId);
      if (!w || w.engine !== 'zfs') throw new CodedError('bad-input', `${snapshotId} is not a zfs snapshot`);
      if (poolOf(dataset) !== poolOf(w.config.dataset)) throw new CodedError('bad-input', `restore into the pool of ${w.config.dataset} (${poolOf(w.config.dataset)}), not ${poolOf(dataset)}`);
      const mount = mountpoint ? await emptyMountpoint(ctx.allowPath(mountpoint)) : undefined;
      const input: ZfsRestoreAsInput = { ...workloadInput(w, env), snapshot: snapOf(s), dataset, ...(mount ? { mountpoint: mount } : {}) };
      return ctx.jobs.submit({ kind: ZFS_JOBS.restoreAs, input, lockKeys: zfsAdapter.lockKeys(w), title: `restore of ${w.name} as ${dataset}`, workloadId: w.id });
    },
  };
}
