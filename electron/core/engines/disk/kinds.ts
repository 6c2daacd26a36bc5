// The disk engine's job kinds, as electron/core/jobs/registry.ts names them.
export const DISK_JOBS = {
  backup: 'disk.backup',
  restore: 'disk.restore',
  verify: 'disk.verify',
  forget: 'disk.forget',
  refresh: 'disk.refresh',
  import: 'disk.import',
} as const;
