import { CodedError } from '../../../../shared/result.js';
import type { JobContext } from '../../jobs/types.js';
import { currentGuids } from './guids.js';
import { openSides } from './session.js';
import type { ZfsWorkloadInput } from './sync.js';
import { transfer } from './transfer.js';
import { zfsRun } from './zfs-host.js';

export interface ZfsRestoreInput extends ZfsWorkloadInput {
  snapshot: { location: string; dataset: string; name: string; guid: string };
  /** a new dataset name, or an absolute path: then the new dataset is mounted there */
  target: string;
}

/** Where a restore lands when the user gave a mount path: a sibling dataset, never the original. */
export function restoreDataset(snapshotDataset: string, name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_.:-]/g, '_');
  return snapshotDataset.includes('/') ? `${snapshotDataset}-restore-${safe}` : `${snapshotDataset}/restore-${safe}`;
}

/**
 * Restores as a NEW dataset, never over the original: a local snapshot is cloned (instant, shares
 * blocks), a remote one is received back with `zfs send | zfs recv`.
 */
export async function restoreSnapshot(input: ZfsRestoreInput, ctx: JobContext): Promise<{ dataset: string }> {
  const { snapshot: snap, target } = input;
  const isPath = target.startsWith('/');
  const dataset = isPath ? restoreDataset(snap.location === 'local' ? snap.dataset : input.config.dataset, snap.name) : target;
  const s = await openSides(snap.location === 'remote' ? input.config : { ...input.config, remote: undefined }, input.dataDir, input.acceptHostKey);
  try {
    const exists = await zfsRun(s.local, ['get', '-H', '-o', 'value', 'guid', dataset]).then(() => true, () => false);
    if (exists) throw new CodedError('conflict', `${dataset} already exists: choose another target`);
    const src = snap.location === 'remote' ? s.remote : s.local;
    if (!src) throw new CodedError('bad-input', 'this snapshot is on the remote, but the workload has no remote');
    const full = `${snap.dataset}@${snap.name}`;
    if ((await currentGuids(src, [full])).get(full) !== snap.guid) throw new CodedError('not-found', `${full} is gone or was replaced since it was listed`);
    const mount = isPath ? ['-o', `mountpoint=${target}`] : [];
    if (snap.location === 'local') {
      await zfsRun(s.local, ['clone', ...mount, full, dataset]);
    } else {
      await transfer({ source: src, target: s.local, sendArgs: ['send', full], recvArgs: ['receive', dataset], signal: ctx.signal, onBytes: (n) => ctx.progress({ phase: 'restore', bytesDone: n, filesDone: 0, currentItem: full }) });
      if (isPath) await zfsRun(s.local, ['set', `mountpoint=${target}`, dataset]);
    }
    ctx.log('info', `restored ${full} as ${dataset}${isPath ? ` mounted at ${target}` : ''}`);
    return { dataset };
  } finally {
    s.close();
  }
}
