import { explain, pruneSafety, simulate } from '../../../shared/retention/index.js';
import type { HandlerMap } from './types.js';

// Pure computations: quick enough to run on main (100,000 snapshots explain in ~0.1 s).

/** This machine's zone: "daily" means the user's days unless a zone is given. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export const retentionHandlers: HandlerMap<'explainRetention' | 'simulateRetention'> = {
  explainRetention: async ({ policy, snapshots, now, timeZone, protections }) => {
    const result = explain(snapshots, policy, { now, timeZone: timeZone ?? localTimeZone(), protections });
    return { ...result, safety: pruneSafety(result, snapshots, protections) };
  },
  simulateRetention: async ({ policy, schedule, days, snapshotBytes, timeZone, start }) =>
    simulate({ policy, schedule, days, snapshotBytes, timeZone: timeZone ?? localTimeZone(), start }),
};
