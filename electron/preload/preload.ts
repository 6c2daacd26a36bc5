// Sandboxed preload (bundled to dist/preload.cjs): the renderer's only door to main.
// One named function per contract method, each bound to its own channel — never a generic invoke —
// so a compromised renderer can reach exactly the contract and nothing else. `satisfies TidemarkApi`
// makes the compiler reject a missing or misspelled method; test/unit/electron-shell checks it at run time.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, type EventName, type Events } from '../../shared/contract/events.js';
import type { TidemarkApi } from '../../shared/contract/index.js';

type Listener = (payload: unknown) => void;
const listeners = new Map<EventName, Set<Listener>>();
let subscribed = false;

// One IPC listener for all subscriptions; the IpcRendererEvent (sender, ports) never reaches the page.
function dispatch(_event: IpcRendererEvent, name: unknown, payload: unknown): void {
  for (const listener of listeners.get(name as EventName) ?? []) {
    try {
      listener(payload);
    } catch (e) {
      console.error(`tidemark: a ${String(name)} listener threw`, e);
    }
  }
}

function on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  if (!EVENT_NAMES.includes(event)) throw new Error(`unknown event ${JSON.stringify(String(event).slice(0, 64))}`);
  if (typeof listener !== 'function') throw new Error(`${event}: the listener must be a function`);
  if (!subscribed) {
    ipcRenderer.on('tidemark:event', dispatch);
    subscribed = true;
  }
  const set = listeners.get(event) ?? new Set<Listener>();
  listeners.set(event, set);
  const wrapped: Listener = (payload) => listener(payload as Events[E]);
  set.add(wrapped);
  return () => {
    set.delete(wrapped);
  };
}

const api = {
  // app
  getAppInfo: (input) => ipcRenderer.invoke('tidemark:getAppInfo', input),
  checkPath: (input) => ipcRenderer.invoke('tidemark:checkPath', input),
  completePath: (input) => ipcRenderer.invoke('tidemark:completePath', input),
  pickPath: (input) => ipcRenderer.invoke('tidemark:pickPath', input),
  // workloads
  listWorkloads: (input) => ipcRenderer.invoke('tidemark:listWorkloads', input),
  getWorkload: (input) => ipcRenderer.invoke('tidemark:getWorkload', input),
  addWorkload: (input) => ipcRenderer.invoke('tidemark:addWorkload', input),
  updateWorkload: (input) => ipcRenderer.invoke('tidemark:updateWorkload', input),
  removeWorkload: (input) => ipcRenderer.invoke('tidemark:removeWorkload', input),
  // jobs
  listJobs: (input) => ipcRenderer.invoke('tidemark:listJobs', input),
  getJob: (input) => ipcRenderer.invoke('tidemark:getJob', input),
  cancelJob: (input) => ipcRenderer.invoke('tidemark:cancelJob', input),
  startEstimate: (input) => ipcRenderer.invoke('tidemark:startEstimate', input),
  // snapshots
  listSnapshots: (input) => ipcRenderer.invoke('tidemark:listSnapshots', input),
  listSnapshotColumns: (input) => ipcRenderer.invoke('tidemark:listSnapshotColumns', input),
  getSnapshot: (input) => ipcRenderer.invoke('tidemark:getSnapshot', input),
  updateSnapshot: (input) => ipcRenderer.invoke('tidemark:updateSnapshot', input),
  startBackup: (input) => ipcRenderer.invoke('tidemark:startBackup', input),
  startRestore: (input) => ipcRenderer.invoke('tidemark:startRestore', input),
  startVerify: (input) => ipcRenderer.invoke('tidemark:startVerify', input),
  startForget: (input) => ipcRenderer.invoke('tidemark:startForget', input),
  startRefresh: (input) => ipcRenderer.invoke('tidemark:startRefresh', input),
  // retention
  previewPrune: (input) => ipcRenderer.invoke('tidemark:previewPrune', input),
  startPrune: (input) => ipcRenderer.invoke('tidemark:startPrune', input),

  explainRetention: (input) => ipcRenderer.invoke('tidemark:explainRetention', input),
  simulateRetention: (input) => ipcRenderer.invoke('tidemark:simulateRetention', input),

  listTree: (input) => ipcRenderer.invoke('tidemark:listTree', input),
  findPath: (input) => ipcRenderer.invoke('tidemark:findPath', input),
  searchTree: (input) => ipcRenderer.invoke('tidemark:searchTree', input),
  findFiles: (input) => ipcRenderer.invoke('tidemark:findFiles', input),
  diffFile: (input) => ipcRenderer.invoke('tidemark:diffFile', input),
  startRestoreFile: (input) => ipcRenderer.invoke('tidemark:startRestoreFile', input),
  diffSnapshots: (input) => ipcRenderer.invoke('tidemark:diffSnapshots', input),
  startGc: (input) => ipcRenderer.invoke('tidemark:startGc', input),
  startRebuildIndex: (input) => ipcRenderer.invoke('tidemark:startRebuildIndex', input),
  // repository passphrases
  setRepositoryPassword: (input) => ipcRenderer.invoke('tidemark:setRepositoryPassword', input),
  forgetRepositoryPassword: (input) => ipcRenderer.invoke('tidemark:forgetRepositoryPassword', input),
  changeRepositoryPassword: (input) => ipcRenderer.invoke('tidemark:changeRepositoryPassword', input),
  getRepositoryPasswordState: (input) => ipcRenderer.invoke('tidemark:getRepositoryPasswordState', input),
  listRepositoryPasswords: (input) => ipcRenderer.invoke('tidemark:listRepositoryPasswords', input),

  testConnection: (input) => ipcRenderer.invoke('tidemark:testConnection', input),
  planSync: (input) => ipcRenderer.invoke('tidemark:planSync', input),
  startSync: (input) => ipcRenderer.invoke('tidemark:startSync', input),
  previewRollback: (input) => ipcRenderer.invoke('tidemark:previewRollback', input),
  startRollback: (input) => ipcRenderer.invoke('tidemark:startRollback', input),
  startZfsRestore: (input) => ipcRenderer.invoke('tidemark:startZfsRestore', input),

  importDiskImage: (input) => ipcRenderer.invoke('tidemark:importDiskImage', input),
  checkRestoreTarget: (input) => ipcRenderer.invoke('tidemark:checkRestoreTarget', input),
  // events
  on,
} satisfies TidemarkApi;

contextBridge.exposeInMainWorld('tidemark', api);
