import { CodedError } from '../../../shared/result.js';
import { importRequest, repoOf, type DiskWorkload } from '../engines/disk/adapter.js';
import { inspectTarget } from '../engines/disk/checks.js';
import { imagePath, isImageId, readHeader } from '../engines/disk/store.js';
import type { HandlerContext } from './context.js';
import type { HandlerMap } from './types.js';

export function diskHandlers(ctx: HandlerContext): HandlerMap<'importDiskImage' | 'checkRestoreTarget'> {
  const env = { dataDir: ctx.dataDir };
  return {
    importDiskImage: async ({ name, file }) => {
      const w = ctx.catalog.workloads.get(name);
      if (w.engine !== 'disk') throw new CodedError('bad-input', `${name} is a ${w.engine} workload: images can only be imported into a disk workload`);
      const req = await importRequest(w as DiskWorkload, ctx.allowPath(file), env);
      return ctx.jobs.submit({ ...req, workloadId: w.id });
    },
    checkRestoreTarget: async ({ snapshotId, target }) => {
      const s = ctx.catalog.snapshots.get(snapshotId);
      const w = ctx.catalog.workloads.getById(s.workloadId);
      if (!w || w.engine !== 'disk' || !isImageId(s.id)) throw new CodedError('bad-input', `${snapshotId} is not a disk image snapshot`);
      // the same path policy as startRestore: the report describes the path the restore would write
      const real = ctx.allowPath(target);
      const { meta } = await readHeader(imagePath(repoOf(w, env), s.id));
      const { checks, exists, device } = await inspectTarget(real, meta.size_bytes);
      return { target: real, exists, device, imageBytes: meta.size_bytes, ok: checks.every((c) => c.status !== 'fail'), checks: checks.map(({ id, status, text }) => ({ id, status, text })) };
    },
  };
}
