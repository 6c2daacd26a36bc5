// Job `zfs.restoreAs` (the restore wizard): restoreSnapshot under a dataset name the user chose, then
// mounted where the user chose. The new dataset is Tidemark's own: if mounting it fails it is destroyed again.
import { CodedError } from '../../../../shared/result.js';
import type { JobHandler } from '../../jobs/types.js';
import { restoreSnapshot, type ZfsRestoreInput } from './restore.js';
import { openSides } from './session.js';
import { zfsRun } from './zfs-host.js';

export interface ZfsRestoreAsInput extends Omit<ZfsRestoreInput, 'target'> {
  dataset: string;
  mountpoint?: string;
}

export interface ZfsRestoreAsResult {
  dataset: string;
  mountpoint: string;
  method: 'clone' | 'receive';
  summary: string;
}

export const zfsRestoreAs: JobHandler<ZfsRestoreAsInput, ZfsRestoreAsResult> = async (input, ctx) => {
  const { dataset, mountpoint, ...rest } = input;
  await restoreSnapshot({ ...rest, target: dataset }, ctx);
  const s = await openSides({ ...input.config, remote: undefined }, input.dataDir);
  try {
    if (mountpoint) {
      await zfsRun(s.local, ['set', `mountpoint=${mountpoint}`, dataset]).catch(async (e: unknown) => {
        await zfsRun(s.local, ['destroy', dataset]).catch(() => {});
        throw new CodedError('io', `${dataset} could not be mounted at ${mountpoint} (${(e as Error).message}); it was removed again`);
      });
    }
    const mounted = (await zfsRun(s.local, ['get', '-H', '-o', 'value', 'mountpoint', dataset])).trim();
    const method = input.snapshot.location === 'local' ? 'clone' : 'receive';
    const summary = `${input.snapshot.dataset}@${input.snapshot.name} restored as ${dataset} (${method === 'clone' ? 'cloned' : 'received back from the remote'}), mounted at ${mounted}`;
    return { dataset, mountpoint: mounted, method, summary };
  } finally {
    s.close();
  }
};
