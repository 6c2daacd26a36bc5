import { CodedError } from '../../../shared/result.js';
import { importRequest, type DiskWorkload } from '../engines/disk/adapter.js';
import type { HandlerContext } from './context.js';
import type { HandlerMap } from './types.js';

export function diskHandlers(ctx: HandlerContext): HandlerMap<'importDiskImage'> {
  return {
    importDiskImage: async ({ name, file }) => {
      const w = ctx.catalog.workloads.get(name);
      if (w.engine !== 'disk') throw new CodedError('bad-input', `${name} is a ${w.engine} workload: images can only be imported into a disk workload`);
      const req = await importRequest(w as DiskWorkload, ctx.allowPath(file), { dataDir: ctx.dataDir });
      return ctx.jobs.submit({ ...req, workloadId: w.id });
    },
  };
}
