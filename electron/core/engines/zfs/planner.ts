// The replication planner (backupd's model): pure, no I/O. Inventories + policies in, a plan out,
// validated by simulating it on the same inventories.
import type { RetentionPolicy } from '../../../../shared/retention/policy.js';
import type { Capabilities } from './capabilities.js';
import { fullName, type DatasetInv, type SideInventory, type SnapInfo } from './model.js';
import { deleteOps, transferOps } from './ops.js';
import type { DatasetPlan, Operation, Plan, TargetItem } from './plan-types.js';
import { planHash } from './plan-hash.js';
import type { Explain } from './retention.js';
import { simulate } from './simulate.js';
import { localTarget, pairFacts, remoteTarget } from './target.js';

export interface PlanInput {
  workload: string;
  local: SideInventory;
  /** null: no remote configured (local retention only) */
  remote: SideInventory | null;
  localPolicy: RetentionPolicy;
  remotePolicy: RetentionPolicy;
  caps: { local: Capabilities | null; remote: Capabilities | null };
  explain: Explain;
  now: Date;
  timeZone: string;
}

const NO_COMMON_OPTIONS = [
  'rename the remote dataset by hand (zfs rename) and sync again: a full transfer starts a new history',
  'or restore a snapshot both sides share to the remote, then sync again',
];
const DIVERGED_OPTIONS = ['sync with consent for this plan (--consent HASH) to destroy exactly the listed remote snapshots', 'or rename/destroy them on the remote by hand'];

export function plan(input: PlanInput): Plan {
  const { local, remote, explain, now, timeZone } = input;
  const byRel = (inv: SideInventory | null) => new Map((inv?.datasets ?? []).map((d) => [d.rel, d] as const));
  const L = byRel(local);
  const R = byRel(remote);
  const rels = [...new Set([...L.keys(), ...R.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const operations: Operation[] = [];
  const datasets: DatasetPlan[] = [];
  const destroys: { dataset: string; snapshots: string[]; contents?: boolean }[] = [];

  for (const rel of rels) {
    const opsBefore = operations.length;
    const ld: DatasetInv | undefined = L.get(rel);
    const rd: DatasetInv | undefined = R.get(rel);
    const localDs = fullName(local.root, rel);
    const remoteDs = remote ? fullName(remote.root, rel) : null;
    const f = pairFacts(ld?.snapshots ?? [], rd?.snapshots ?? [], rd?.resumeToken !== undefined);
    const dp: DatasetPlan = { rel, local: localDs, remote: remoteDs, status: 'ok', localTarget: [], remoteTarget: [] };
    datasets.push(dp);

    if (remote && f.noCommon && f.local.length > 0) {
      // Nothing can be sent incrementally and a full receive would overwrite the remote: stop, destroy nothing.
      dp.status = 'blocked';
      dp.explanation = `no common snapshot: ${remoteDs} has ${f.remote.length} snapshot(s) but none with the same guid as ${localDs}; nothing was planned for this dataset`;
      dp.options = NO_COMMON_OPTIONS;
      continue;
    }
    // A local snapshot whose name already exists on the remote with another guid cannot be received.
    const remoteNames = new Map(f.remote.map((s) => [s.name, s.guid]));
    let remoteSnaps = f.remote;
    let rt = remote ? remoteTarget(f, input.remotePolicy, explain, now, timeZone) : { items: [] as TargetItem[], send: [] as SnapInfo[] };
    const clashes = rt.send.filter((s) => remoteNames.has(s.name) && remoteNames.get(s.name) !== s.guid);
    const blockers = [...f.diverged, ...f.remote.filter((r) => clashes.some((c) => c.name === r.name) && !f.diverged.includes(r))];
    if (blockers.length > 0 && remoteDs) {
      dp.status = 'needs-consent';
      dp.explanation = `${remoteDs} has snapshot(s) the local side does not have, newer than the latest shared one or reusing a local name with another guid (${blockers.map((b) => b.name).join(', ')}): receiving needs them destroyed and the remote rolled back to the latest shared snapshot`;
      dp.options = DIVERGED_OPTIONS;
      destroys.push({ dataset: remoteDs, snapshots: blockers.map((b) => b.name) });
      const blockerSet = new Set(blockers);
      operations.push(...deleteOps(rel, 'remote', remoteDs, f.remote, (i) => blockerSet.has(f.remote[i]!), input.caps.remote, { requiresConsent: true, reason: 'diverged: destroying it lets the remote receive again (needs your consent)' }));
      // plan the rest as if the blockers were gone
      const pruned = f.remote.filter((r) => !blockers.includes(r));
      const f2 = pairFacts(f.local, pruned, f.resumePending);
      rt = remoteTarget(f2, input.remotePolicy, explain, now, timeZone);
      remoteSnaps = pruned;
    }
    // rt.items = [...remote snapshots, ...sendable local ones], in that order
    const remoteItems = new Map(rt.items.slice(remoteSnaps.length).map((t) => [t.guid, t]));
    const base = f.shared[f.shared.length - 1];
    const transfers = remoteDs ? transferOps(rel, remoteDs, f.local, base, rt.send, remoteItems, dp.status === 'needs-consent') : [];
    if (remoteDs && rd && rd.snapshots.length === 0 && transfers[0]?.kind === 'initial-transfer') {
      // The remote dataset exists without snapshots: a full receive must overwrite its contents (-F).
      dp.status = 'needs-consent';
      dp.explanation = `${remoteDs} exists but has no snapshots: the first transfer has to overwrite whatever it holds now (receive -F)`;
      dp.options = ['sync with consent for this plan (--consent HASH)', 'or destroy/rename the empty remote dataset by hand and sync again'];
      destroys.push({ dataset: remoteDs, snapshots: [], contents: true });
      transfers[0].forceReceive = true;
    }
    if (dp.status === 'needs-consent') for (const t of transfers) t.requiresConsent = true;
    const newLatest = rt.send[rt.send.length - 1] ?? base;
    dp.remoteTarget = rt.items;
    dp.localTarget = f.local.length ? localTarget(f, input.localPolicy, explain, now, timeZone, newLatest) : [];

    operations.push(...transfers);
    if (remoteDs) {
      const items = rt.items;
      operations.push(...deleteOps(rel, 'remote', remoteDs, remoteSnaps, (i) => !items[i]!.keep, input.caps.remote));
    }
    const lt = dp.localTarget;
    operations.push(...deleteOps(rel, 'local', localDs, f.local, (i) => !lt[i]!.keep, input.caps.local));
    if (dp.status === 'ok' && operations.length === opsBefore) dp.status = 'up-to-date';
  }

  const problems = simulate(input, operations, datasets);
  const hash = planHash(operations, destroys);
  return {
    workload: input.workload,
    createdAt: now.toISOString(),
    operations,
    datasets,
    valid: problems.length === 0,
    problems,
    consent: destroys.length ? { hash, destroys } : null,
    hash,
    capabilities: input.caps,
  };
}
