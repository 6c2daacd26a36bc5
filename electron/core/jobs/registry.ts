import type { JobHandler } from './types.js';
import { estimate } from './kinds/estimate.js';
import { casBackup, casForget, casGc, casRebuildIndex, casRefresh, casRestore, casVerify } from '../engines/cas/jobs.js';
import { zfsDestroy, zfsRefresh, zfsRestore, zfsRestoreAs, zfsRollback, zfsSnapshot, zfsSync } from '../engines/zfs/jobs.js';
import { diskBackup, diskForget, diskImport, diskRefresh, diskRestore, diskVerify } from '../engines/disk/jobs.js';

// Every job kind a worker can run. The worker imports this map; main only knows kinds by name.
// Engines add their handlers here (backup, restore, verify, gc, sync, image backup/restore).
export const jobHandlers: Record<string, JobHandler<never, unknown>> = {
  estimate,
  'disk.backup': diskBackup,
  'disk.restore': diskRestore,
  'disk.verify': diskVerify,
  'disk.forget': diskForget,
  'disk.refresh': diskRefresh,
  'disk.import': diskImport,
  'cas.backup': casBackup,
  'cas.restore': casRestore,
  'cas.verify': casVerify,
  'cas.forget': casForget,
  'cas.refresh': casRefresh,
  'cas.gc': casGc,
  'cas.rebuildIndex': casRebuildIndex,
  'zfs.sync': zfsSync,
  'zfs.snapshot': zfsSnapshot,
  'zfs.refresh': zfsRefresh,
  'zfs.destroy': zfsDestroy,
  'zfs.restore': zfsRestore,
  'zfs.restoreAs': zfsRestoreAs,
  'zfs.rollback': zfsRollback,
};
