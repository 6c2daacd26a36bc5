// Rollback of a LOCAL dataset to one of its snapshots: the one restore that destroys. The preview lists
// exactly what `zfs rollback -r` would destroy; the job runs only while the dataset still matches the
// hash of that list, so consent given for one state never applies to another (a snapshot taken since,
// a clone made since, the dataset recreated under the same name).
import { createHash } from 'node:crypto';
import type { ZfsRollbackPreview, ZfsRollbackSnapshot } from '../../../../shared/contract/zfs.js';
import { CodedError } from '../../../../shared/result.js';
import type { CatalogChanges, JobHandler } from '../../jobs/types.js';
import { inventory } from './inventory.js';
import type { SnapInfo } from './model.js';
import { snapshotId } from './records.js';
import { openSides, poolOf } from './session.js';
import type { ZfsWorkloadInput } from './sync.js';
import { type ZfsHost, zfsArgv, zfsRun } from './zfs-host.js';

export interface ZfsRollbackInput extends ZfsWorkloadInput {
  dataset: string;
  snapshot: string;
  consent: string;
}

export interface ZfsRollbackResult {
  dataset: string;
  snapshot: string;
  destroyed: string[];
  summary: string;
  catalog: CatalogChanges;
}

/** Only datasets of the workload's own local tree may be rolled back (never the replica). */
export function checkRollbackScope(root: string, dataset: string): void {
  if (dataset !== root && !dataset.startsWith(`${root}/`)) throw new CodedError('bad-input', `${dataset} is not part of this workload (its local dataset is ${root})`);
}

const view = (s: SnapInfo): ZfsRollbackSnapshot => ({ name: s.name, guid: s.guid, createdAt: new Date(s.creation * 1000).toISOString(), usedBytes: s.used, held: s.userrefs > 0 });

/** `written@snap` where the host has it (OpenZFS); zfs-fuse 0.7 answers "invalid property". */
async function writtenSince(h: ZfsHost, dataset: string, snapshot: string): Promise<number | null> {
  const r = await h.exec.run(zfsArgv(h, ['get', '-Hp', '-o', 'value', `written@${snapshot}`, dataset]));
  const n = Number(r.stdout.trim());
  return r.code === 0 && Number.isFinite(n) ? n : null;
}

/** Every dataset of the pool cloned from one of `snapshots` (the `origin` property exists on every ZFS; `clones` does not). */
async function clonesOf(h: ZfsHost, pool: string, snapshots: Set<string>): Promise<{ name: string; origin: string }[]> {
  const out = await zfsRun(h, ['get', '-Hp', '-r', '-o', 'name,value', 'origin', pool], { timeoutMs: 120_000 });
  const clones: { name: string; origin: string }[] = [];
  for (const line of out.split('\n')) {
    const tab = line.lastIndexOf('\t');
    if (tab > 0 && snapshots.has(line.slice(tab + 1))) clones.push({ name: line.slice(0, tab), origin: line.slice(tab + 1) });
  }
  return clones;
}

function hashOf(datasetGuid: string, p: Omit<ZfsRollbackPreview, 'hash'>): string {
  const h = createHash('sha256');
  // written bytes stay out: a live dataset changes every second, and those changes are what the user agreed to lose
  h.update(`${p.dataset}\0${datasetGuid}\0${p.snapshot.name}\0${p.snapshot.guid}\n`);
  for (const s of p.newer) h.update(`${s.name}\0${s.guid}\0${s.held ? 1 : 0}\n`);
  for (const c of p.clones) h.update(`clone\0${c.name}\0${c.origin}\n`);
  return `sha256:${h.digest('hex').slice(0, 32)}`;
}

export async function previewRollback(h: ZfsHost, dataset: string, snapshot: string): Promise<ZfsRollbackPreview> {
  const inv = await inventory(h, dataset, h.caps);
  if (!inv.exists) throw new CodedError('not-found', `the dataset ${dataset} does not exist`);
  const snaps = inv.datasets.find((d) => d.rel === '')?.snapshots ?? [];
  const at = snaps.findIndex((s) => s.name === snapshot);
  if (at < 0) throw new CodedError('not-found', `${dataset}@${snapshot} does not exist (it may have been destroyed since it was listed)`);
  const chosen = snaps[at]!;
  const newer = snaps.slice(at + 1);
  const full = `${dataset}@${snapshot}`;
  const [clones, written, refs, dsGuid] = await Promise.all([
    newer.length ? clonesOf(h, poolOf(dataset), new Set(newer.map((s) => `${dataset}@${s.name}`))) : [],
    writtenSince(h, dataset, snapshot),
    zfsRun(h, ['get', '-Hp', '-o', 'value', 'referenced', dataset, full]),
    zfsRun(h, ['get', '-Hp', '-o', 'value', 'guid', dataset]),
  ]);
  const [now = 0, then = 0] = refs.split('\n').filter(Boolean).map(Number);
  const held = newer.filter((s) => s.userrefs > 0);
  const blocked = clones.length
    ? `${clones.map((c) => c.name).join(', ')} ${clones.length === 1 ? 'was' : 'were'} cloned from a newer snapshot: Tidemark does not destroy clones — destroy or promote ${clones.length === 1 ? 'it' : 'them'} first`
    : held.length
      ? `${held.map((s) => `${dataset}@${s.name}`).join(', ')} ${held.length === 1 ? 'is' : 'are'} held (zfs hold): release the hold first`
      : null;
  const p = { dataset, snapshot: view(chosen), newer: newer.map(view), clones, writtenBytes: written, referencedNowBytes: now, referencedAtSnapshotBytes: then, blocked };
  return { ...p, hash: hashOf(dsGuid.trim(), p) };
}

/** Job `zfs.rollback`: the preview again, compared with the consent, then `zfs rollback -r`. */
export const zfsRollback: JobHandler<ZfsRollbackInput, ZfsRollbackResult> = async (input, ctx) => {
  checkRollbackScope(input.config.dataset, input.dataset);
  const s = await openSides({ ...input.config, remote: undefined }, input.dataDir);
  try {
    const p = await previewRollback(s.local, input.dataset, input.snapshot);
    if (p.hash !== input.consent) throw new CodedError('conflict', `${input.dataset} changed since you reviewed the rollback (a snapshot or clone was added or removed): nothing was rolled back — review it again`);
    if (p.blocked) throw new CodedError('conflict', p.blocked);
    if (ctx.signal.aborted) throw new CodedError('cancelled', 'cancelled before anything was rolled back');
    const full = `${input.dataset}@${input.snapshot}`;
    ctx.progress({ phase: 'rollback', bytesDone: 0, filesDone: 0, currentItem: full });
    await zfsRun(s.local, ['rollback', '-r', full], { timeoutMs: 600_000 });
    const destroyed = p.newer.map((n) => n.name);
    const summary = `rolled ${input.dataset} back to ${input.snapshot}; destroyed ${destroyed.length} newer snapshot(s)`;
    ctx.log('info', destroyed.length ? `${summary}: ${destroyed.join(', ')}` : summary);
    return { dataset: input.dataset, snapshot: input.snapshot, destroyed, summary, catalog: { removeSnapshots: p.newer.map((n) => snapshotId('local', n.guid)) } };
  } finally {
    s.close();
  }
};
