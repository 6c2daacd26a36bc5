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
  const shared = local.filter((s) => remoteGuids.has(s.guid));
  const latest = shared[shared.length - 1];
  const latestRemote = latest ? remote.find((r) => r.guid === latest.guid) : undefined;
  const after = latestRemote ? remote.filter((r) => r.createtxg > latestRemote.createtxg) : [];
  // usually empty: only then is a set of the local guids worth building
  const localGuids = after.length ? new Set(local.map((s) => s.guid)) : null;
  const diverged = after.filter((r) => !localGuids!.has(r.guid));
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

type Verdicts = (i: number) => { keep: boolean; reasons: string[] } | undefined;

function items(snaps: SnapInfo[], verdict: Verdicts): TargetItem[] {
  return snaps.map((s, i) => {
    const v = verdict(i);
    return { name: s.name, guid: s.guid, keep: v?.keep ?? true, reasons: v?.reasons ?? ['kept: no verdict'] };
  });
}

/** Verdict of the i-th snapshot of `snaps`. */
function run(explain: Explain, snaps: SnapInfo[], policy: RetentionPolicy, now: Date, timeZone: string, protections: Protection[]): Verdicts {
  const verdicts = explain(toRetentionInputs(snaps), policy, { now, timeZone, protections });
  // explain lists newest first; our inputs are strictly increasing in time, so verdict k is
  // snapshot n-1-k — checked, with a lookup table as the fallback
  const n = snaps.length;
  let aligned = verdicts.length === n;
  for (let k = 0; aligned && k < n; k++) aligned = verdicts[k]!.id === snaps[n - 1 - k]!.guid;
  if (aligned) return (i) => verdicts[n - 1 - i];
  const byId = new Map(verdicts.map((v) => [v.id, v]));
  return (i) => byId.get(snaps[i]!.guid);
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
  const send = sendable.filter((_, j) => verdicts(f.remote.length + j)?.keep === true);
  return { items: items(candidates, verdicts), send };
}

/** The local target; `newLatest` (the newest snapshot this sync sends) is kept as the next incremental base. */
export function localTarget(f: PairFacts, policy: RetentionPolicy, explain: Explain, now: Date, timeZone: string, newLatest: SnapInfo | undefined): TargetItem[] {
  const p = sharedProtections(f, f.local, 'local');
  if (newLatest) p.push({ id: newLatest.guid, reason: 'latest shared snapshot after this sync' });
  return items(f.local, run(explain, f.local, policy, now, timeZone, p));
}
