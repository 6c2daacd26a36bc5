import type { RetentionPolicy } from '../../../../shared/retention/policy.js';
import type { SnapInfo } from './model.js';
import type { TargetItem } from './plan-types.js';
import type { Explain, Protection } from './retention.js';
import { toRetentionInputs } from './snap-order.js';

export interface PairFacts {
  local: SnapInfo[];
  remote: SnapInfo[];
  /** local snapshots whose guid is also on the remote, oldest first */
  shared: SnapInfo[];
  /** remote snapshots newer than the latest shared one that the local side does not have: they block incremental receives */
  diverged: SnapInfo[];
  /** the remote has snapshots but none in common with the local side */
  noCommon: boolean;
  resumePending: boolean;
}

export function pairFacts(local: SnapInfo[], remote: SnapInfo[], resumePending: boolean): PairFacts {
  const remoteGuids = new Set(remote.map((s) => s.guid));
  const localGuids = new Set(local.map((s) => s.guid));
  const shared = local.filter((s) => remoteGuids.has(s.guid));
  const latest = shared[shared.length - 1];
  const latestRemote = latest ? remote.find((r) => r.guid === latest.guid) : undefined;
  const diverged = latestRemote ? remote.filter((r) => r.createtxg > latestRemote.createtxg && !localGuids.has(r.guid)) : [];
  return { local, remote, shared, diverged, noCommon: remote.length > 0 && shared.length === 0, resumePending };
}

/** Protections common to both sides (backupd's rules), keyed by guid. */
function sharedProtections(f: PairFacts, side: SnapInfo[], where: string): Protection[] {
  const p: Protection[] = [];
  const first = side[0];
  if (first) p.push({ id: first.guid, reason: `oldest snapshot on ${where}` });
  const earliest = f.shared[0];
  const latest = f.shared[f.shared.length - 1];
  if (earliest) p.push({ id: earliest.guid, reason: 'earliest shared snapshot' });
  if (latest) p.push({ id: latest.guid, reason: 'latest shared snapshot' });
  for (const s of side) if (s.userrefs > 0) p.push({ id: s.guid, reason: `held (${s.userrefs} hold${s.userrefs > 1 ? 's' : ''})` });
  if (f.resumePending) {
    const base = latest ?? f.local[0];
    if (base) p.push({ id: base.guid, reason: 'base of a pending resume' });
  }
  return p;
}

function items(snaps: SnapInfo[], verdicts: Map<string, { keep: boolean; reasons: string[] }>): TargetItem[] {
  return snaps.map((s) => {
    const v = verdicts.get(s.guid);
    return { name: s.name, guid: s.guid, keep: v?.keep ?? true, reasons: v?.reasons ?? ['kept: no verdict'] };
  });
}

function run(explain: Explain, snaps: SnapInfo[], policy: RetentionPolicy, now: Date, timeZone: string, protections: Protection[]) {
  const verdicts = explain(toRetentionInputs(snaps), policy, { now, timeZone, protections });
  return new Map(verdicts.map((v) => [v.id, v]));
}

/**
 * The remote's target: its policy applied over what it has plus what it could receive (local
 * snapshots newer than the latest shared one — nothing older can be received incrementally).
 */
export function remoteTarget(f: PairFacts, policy: RetentionPolicy, explain: Explain, now: Date, timeZone: string): { items: TargetItem[]; send: SnapInfo[] } {
  const latest = f.shared[f.shared.length - 1];
  const start = latest ? f.local.indexOf(latest) + 1 : 0;
  const sendable = f.noCommon ? [] : f.local.slice(start);
  const candidates = [...f.remote, ...sendable];
  const verdicts = run(explain, candidates, policy, now, timeZone, sharedProtections(f, f.remote, 'remote'));
  const send = sendable.filter((s) => verdicts.get(s.guid)?.keep === true);
  return { items: items(candidates, verdicts), send };
}

/** The local target; `newLatest` (the newest snapshot this sync sends) is kept as the next incremental base. */
export function localTarget(f: PairFacts, policy: RetentionPolicy, explain: Explain, now: Date, timeZone: string, newLatest: SnapInfo | undefined): TargetItem[] {
  const p = sharedProtections(f, f.local, 'local');
  if (newLatest) p.push({ id: newLatest.guid, reason: 'latest shared snapshot after this sync' });
  return items(f.local, run(explain, f.local, policy, now, timeZone, p));
}
