import type { Capabilities } from '../../../electron/core/engines/zfs/capabilities.js';
import type { SideInventory, SnapInfo } from '../../../electron/core/engines/zfs/model.js';
import { plan, type PlanInput } from '../../../electron/core/engines/zfs/planner.js';
import { sharedExplain } from '../../../electron/core/engines/zfs/retention.js';
import type { RetentionPolicy } from '../../../shared/retention/policy.js';

const base = { guid: true, createtxg: true, holds: true, listParsable: false, getType: false, bookmarks: false, notes: [] };
export const zfsFuseCaps: Capabilities = { ...base, sendDryRun: false, recvResumable: false, recvNoMount: false, recvAbort: false, destroyRange: false, destroyList: false };
export const openZfsCaps: Capabilities = { ...base, listParsable: true, getType: true, bookmarks: true, sendDryRun: true, recvResumable: true, recvNoMount: true, recvAbort: true, destroyRange: true, destroyList: true };

const T0 = Date.UTC(2026, 10, 1) / 1000;

/** `snap('hourly-3', 3)`: a snapshot whose createtxg is 100+n, created n hours after T0; guid from the name unless given. */
export function snap(name: string, n: number, extra: Partial<SnapInfo> = {}): SnapInfo {
  return { name, guid: extra.guid ?? `g-${name}`, createtxg: 100 + n, creation: T0 + n * 3600, used: 1000, userrefs: 0, ...extra };
}

/** Same snapshot as seen on the other side: same guid and creation, its own createtxg. */
export function copyOf(s: SnapInfo, txgOffset = 5000): SnapInfo {
  return { ...s, createtxg: s.createtxg + txgOffset };
}

export function side(root: string, datasets: Record<string, SnapInfo[]>, extra: { resume?: string[] } = {}): SideInventory {
  return {
    root,
    exists: '' in datasets,
    datasets: Object.entries(datasets)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([rel, snapshots]) => ({ rel, snapshots, ...(extra.resume?.includes(rel) ? { resumeToken: 'tok' } : {}) })),
  };
}

export function hourlies(count: number, prefix = 'hourly'): SnapInfo[] {
  return Array.from({ length: count }, (_, i) => snap(`${prefix}-${i + 1}`, i + 1));
}

export function makePlan(p: Partial<PlanInput> & { local: SideInventory; localPolicy?: RetentionPolicy; remotePolicy?: RetentionPolicy }) {
  return plan({
    workload: 'w',
    remote: null,
    localPolicy: {},
    remotePolicy: {},
    caps: { local: zfsFuseCaps, remote: zfsFuseCaps },
    explain: sharedExplain,
    now: new Date(Date.UTC(2026, 10, 20)),
    timeZone: 'UTC',
    ...p,
  });
}
