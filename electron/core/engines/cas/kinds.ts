// The cas engine's job kinds, as electron/core/jobs/registry.ts names them.
export const CAS_JOBS = {
  backup: 'cas.backup',
  restore: 'cas.restore',
  verify: 'cas.verify',
  forget: 'cas.forget',
  refresh: 'cas.refresh',
  gc: 'cas.gc',
  rebuildIndex: 'cas.rebuildIndex',
} as const;
