// The zfs engine's job kinds, as electron/core/jobs/registry.ts names them.
export const ZFS_JOBS = {
  sync: 'zfs.sync',
  snapshot: 'zfs.snapshot',
  refresh: 'zfs.refresh',
  destroy: 'zfs.destroy',
  restore: 'zfs.restore',
  restoreAs: 'zfs.restoreAs',
  rollback: 'zfs.rollback',
} as const;
