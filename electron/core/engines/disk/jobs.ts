// The disk engine's job handlers, for electron/core/jobs/registry.ts (kind names in kinds.ts).
export { diskBackup } from './backup.js';
export { diskRestore } from './restore.js';
export { diskVerify } from './verify.js';
export { diskForget, diskRefresh } from './forget.js';
export { diskImport } from './import.js';
