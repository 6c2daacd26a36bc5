import { CodedError } from '../result.js';
import { readIsoInstant } from './instant.js';
import type { ExplainResult, Protection, RetentionSnapshot } from './types.js';

export interface PruneSafety {
  /** true: the CLI needs --yes, the UI a typed confirmation, before anything is deleted */
  needsConfirmation: boolean;
  reasons: string[];
}

/**
 * The rails a prune must pass before it deletes anything: deleting more than half of a
 * workload's snapshots, or its newest snapshot, needs explicit confirmation. A result that
 * would delete a pinned or protected snapshot is refused outright (explain never produces
 * one; this catches a result that was built or edited elsewhere).
 */
export function pruneSafety(result: ExplainResult, snapshots: readonly RetentionSnapshot[], protections: readonly Protection[] = []): PruneSafety {
  const doomed = new Set(result.items.filter((i) => !i.keep).map((i) => i.id));
  const never = new Set(protections.map((p) => p.id));
  for (const s of snapshots) {
    if (doomed.has(s.id) && (s.pinned || never.has(s.id))) {
      throw new CodedError('conflict', `refusing to prune: ${s.pinned ? 'pinned' : 'protected'} snapshot ${s.id} is marked for deletion`);
    }
  }
  const reasons: string[] = [];
  const total = snapshots.length;
  const deleting = snapshots.reduce((n, s) => n + (doomed.has(s.id) ? 1 : 0), 0);
  if (deleting * 2 > total) reasons.push(`would delete ${deleting} of ${total} snapshots (more than half)`);
  let newest: RetentionSnapshot | undefined;
  let newestT = -Infinity;
  for (const s of snapshots) {
    const t = readIsoInstant(s.createdAt);
    // same ordering as explain: later createdAt, then the greater id, is newer
    if (t > newestT || (t === newestT && newest && s.id > newest.id)) {
      newest = s;
      newestT = t;
    }
  }
  if (newest && doomed.has(newest.id)) reasons.push(`would delete the newest snapshot ${newest.id} (${newest.createdAt})`);
  return { needsConfirmation: reasons.length > 0, reasons };
}
