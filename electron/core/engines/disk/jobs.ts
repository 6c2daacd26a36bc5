// The disk engine's job kinds, as the registry names them.
export { diskBackup } from './backup.js';
export { diskRestore } from './restore.js';
export { diskVerify } from './verify.js';
export { diskForget, diskRefresh } from './forget.js';
export { diskImport } from './import.js';

export const DISK_JOBS = {
  backup: 'disk.backup',
  restore: 'disk.restore',
  verify: 'disk.verify',
  forget: 'disk.forget',
  refresh: 'disk.refresh',
  import: 'disk.import',
} as const;
