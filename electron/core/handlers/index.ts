import type { MethodName } from '../../../shared/contract/index.js';
import { appHandlers } from './app.js';
import type { HandlerContext } from './context.js';
import { jobHandlers } from './jobs.js';
import { pruneHandlers } from './prune.js';
import { retentionHandlers } from './retention.js';
import { snapshotHandlers } from './snapshots.js';
import type { HandlerMap } from './types.js';
import { workloadHandlers } from './workloads.js';
import { casHandlers } from './cas.js';
import { diskHandlers } from './disk.js';
import { zfsHandlers } from './zfs.js';
import { secretHandlers } from './secrets.js';

/** Every contract method's implementation; the type makes a missing handler a compile error. */
export function makeHandlers(ctx: HandlerContext): HandlerMap<MethodName> {
  return {
    ...appHandlers(ctx),
    ...workloadHandlers(ctx),
    ...jobHandlers(ctx),
    ...snapshotHandlers(ctx),
    ...pruneHandlers(ctx),
    ...retentionHandlers,
    ...casHandlers(ctx),
    ...zfsHandlers(ctx),
    ...diskHandlers(ctx),
    ...secretHandlers(ctx),
  };
}
