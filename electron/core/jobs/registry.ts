import type { JobHandler } from './types.js';
import { estimate } from './kinds/estimate.js';

// Every job kind a worker can run. The worker imports this map; main only knows kinds by name.
// Engines add their handlers here (backup, restore, verify, gc, sync, image backup/restore).
export const jobHandlers: Record<string, JobHandler<never, unknown>> = {
  estimate,
};
