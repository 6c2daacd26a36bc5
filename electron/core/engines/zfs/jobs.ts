// Job handlers (worker side). Each opens its own connections and closes them before returning.
import { CodedError } from '../../../../shared/result.js';
import type { CatalogChanges, JobHandler } from '../../jobs/types.js';
import { createSnapshot } from './create.js';
import { currentGuids } from './guids.js';
import { inventory } from './inventory.js';
import { toRecords } from './records.js';
import { restoreSnapshot, type ZfsRestoreInput } from './restore.js';
import { openSides } from './session.js';
import { catalogOf, inventories, runSync, type ZfsSyncInput, type ZfsSyncResult, type ZfsWorkloadInput } from './sync.js';
import { zfsRun } from './zfs-host.js';

export const zfsSync: JobHandler<ZfsSyncInput, ZfsSyncResult> = (input, ctx) => runSync(input, ctx);

export interface ZfsSnapshotInput extends ZfsWorkloadInput {
  type: string;
}

/** `tidemark backup NAME --type hourly`: the recursive snapshot root@hourly-<UTC>. */
export const zfsSnapshot: JobHandler<ZfsSnapshotInput, { name: string; summary: string; catalog: CatalogChanges }> = async (input, ctx) => {
  const s = await openSides({ ...input.config, remote: undefined }, input.dataDir);
  const t0 = Date.now();
  const { name, full } = await createSnapshot(s.local, input.config.dataset, input.type);
  ctx.log('info', `created ${full} (recursive)`);
  const inv = await inventory(s.local, input.config.dataset, s.local.caps);
  const records = toRecords(input.workloadId, inv, 'local').filter((r) => r.meta.name === name);
  for (const r of records) r.durationMs = Date.now() - t0;
  return { name, summary: `created ${full} on ${records.length} dataset(s)`, catalog: { upsertSnapshots: records } };
};

export const zfsRefresh: JobHandler<ZfsWorkloadInput, { local: number; remote: number | null; catalog: CatalogChanges }> = async (input, ctx) => {
  const s = await openSides({ ...input.config, remote: undefined }, input.dataDir);
  const local = await inventory(s.local, input.config.dataset, s.local.caps);
  let remote = null;
  if (input.config.remote) {
    try {
      const r = await openSides(input.config, input.dataDir, input.acceptHostKey);
      try {
        remote = (await inventories(r, input.config)).remote;
      } finally {
        r.close();
      }
    } catch (e) {
      // the local half is still worth listing; the remote keeps its cached entries
      ctx.log('warn', `remote not listed: ${(e as Error).message}`);
      return { local: local.datasets.length, remote: null, catalog: { replaceAllFor: { workloadId: input.workloadId, location: 'local' }, upsertSnapshots: toRecords(input.workloadId, local, 'local') } };
    }
  }
  const count = (inv: typeof local) => inv.datasets.reduce((n, d) => n + d.snapshots.length, 0);
  return { local: count(local), remote: remote ? count(remote) : null, catalog: catalogOf(input.workloadId, { local, remote }) };
};

export interface ZfsDestroyInput extends ZfsWorkloadInput {
  snapshots: { id: string; location: string; dataset: string; name: string; guid: string }[];
}

/** forget: destroy exactly these snapshots, each only if it still has the guid the catalog knew. */
export const zfsDestroy: JobHandler<ZfsDestroyInput, { destroyed: string[]; catalog: CatalogChanges }> = async (input, ctx) => {
  const needRemote = input.snapshots.some((s) => s.location === 'remote');
  const s = await openSides(needRemote ? input.config : { ...input.config, remote: undefined }, input.dataDir, input.acceptHostKey);
  const destroyed: string[] = [];
  try {
    for (const snap of input.snapshots) {
      if (ctx.signal.aborted) throw new CodedError('cancelled', 'cancelled');
      const host = snap.location === 'remote' ? s.remote : s.local;
      if (!host) throw new CodedError('bad-input', `${snap.id} is on the remote, but the workload has no remote`);
      const full = `${snap.dataset}@${snap.name}`;
      const g = (await currentGuids(host, [full])).get(full);
      if (g === undefined) ctx.log('warn', `${full} was already gone`);
      else if (g !== snap.guid) throw new CodedError('conflict', `${full} is now a different snapshot (guid ${g}, expected ${snap.guid}): not destroyed`);
      else await zfsRun(host, ['destroy', full]);
      destroyed.push(snap.id);
      ctx.progress({ phase: 'destroy', bytesDone: 0, filesDone: destroyed.length, filesTotal: input.snapshots.length, currentItem: full });
    }
  } finally {
    s.close();
  }
  return { destroyed, catalog: { removeSnapshots: destroyed } };
};

export const zfsRestore: JobHandler<ZfsRestoreInput, { dataset: string }> = (input, ctx) => restoreSnapshot(input, ctx);

export { zfsRestoreAs } from './restore-as.js';
export { zfsRollback } from './rollback.js';
