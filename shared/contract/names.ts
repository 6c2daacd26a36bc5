// Every method's name as plain data, without the zod schemas: the browser client builds its API object
// from this list in the first milliseconds of a page load, before the schemas' module code has run.
// index.ts checks at compile time that it is exactly the contract's method names.
export const METHOD_NAMES = [
  'getAppInfo', 'checkPath', 'pickPath', 'completePath',
  'listWorkloads', 'getWorkload', 'addWorkload', 'updateWorkload', 'removeWorkload',
  'listJobs', 'getJob', 'cancelJob', 'startEstimate',
  'listSnapshots', 'listSnapshotColumns', 'getSnapshot', 'updateSnapshot',
  'startBackup', 'startRestore', 'startVerify', 'startForget', 'startRefresh',
  'previewPrune', 'startPrune', 'explainRetention', 'simulateRetention',
  'listTree', 'searchTree', 'findFiles', 'diffFile', 'startRestoreFile', 'findPath', 'diffSnapshots', 'startGc', 'startRebuildIndex',
  'testConnection', 'planSync', 'startSync', 'previewRollback', 'startRollback', 'startZfsRestore',
  'importDiskImage', 'checkRestoreTarget',
  'setRepositoryPassword', 'forgetRepositoryPassword', 'changeRepositoryPassword', 'getRepositoryPasswordState', 'listRepositoryPasswords',
] as const;
