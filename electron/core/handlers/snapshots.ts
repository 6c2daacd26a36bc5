import type { HandlerContext } from './context.js';
import type { HandlerMap } from './types.js';
import { adapterFor } from '../engines/index.js';

type Methods = 'listSnapshots' | 'listSnapshotColumns' | 'getSnapshot' | 'updateSnapshot' | 'startBackup' | 'startRestore' | 'startVerify' | 'startForget' | 'startRefresh';

/** Engine-neutral snapshot operations: main checks and resolves, the engine's adapter builds the job. */
export function snapshotHandlers(ctx: HandlerContext): HandlerMap<Methods> {
  const { catalog, jobs } = ctx;
  const env = { dataDir: ctx.dataDir };
  const submit = (workloadId: string, req: Awaited<ReturnType<ReturnType<typeof adapterFor>['backup']>>) => jobs.submit({ ...req, workloadId });
  return {
    listSnapshots: async ({ name }) => catalog.snapshots.list(name ? catalog.workloads.get(name).id : undefined),
    listSnapshotColumns: async ({ name, since }) => (name ? [catalog.workloads.get(name)] : catalog.workloads.list()).map((w) => catalog.snapshots.columns(w, since)),
    getSnapshot: async ({ id }) => catalog.snapshots.get(id),
    updateSnapshot: async ({ id, ...patch }) => {
      const s = catalog.snapshots.update(id, patch);
      ctx.emit('catalogChanged', { entity: 'snapshots', workloadId: s.workloadId });
      return s;
    },
    startBackup: async ({ name, type, tags, notes, confirm }) => {
      const w = catalog.workloads.get(name);
      return submit(w.id, await adapterFor(w).backup(w, { type, tags, notes, confirm }, env));
    },
    startRestore: async ({ snapshotId, target, force, include, conflict }) => {
      const s = catalog.snapshots.get(snapshotId);
      const w = catalog.workloads.getById(s.workloadId)!;
      const allowedTarget = ctx.allowPath(target);
      return submit(w.id, await adapterFor(w).restore(w, s, { target: allowedTarget, force, include, conflict }, env));
    },
    startVerify: async ({ name, deep }) => {
      const w = catalog.workloads.get(name);
      return submit(w.id, await adapterFor(w).verify(w, { deep }, env));
    },
    startForget: async ({ snapshotId }) => {
      const s = catalog.snapshots.get(snapshotId);
      const w = catalog.workloads.getById(s.workloadId)!;
      return submit(w.id, await adapterFor(w).forget(w, [s], env));
    },
    startRefresh: async ({ name }) => {
      const w = catalog.workloads.get(name);
      return submit(w.id, await adapterFor(w).refresh(w, env));
    },
  };
}
