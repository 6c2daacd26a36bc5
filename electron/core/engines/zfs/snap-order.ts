import type { SnapInfo } from './model.js';
import { snapType } from './model.js';
import type { RetentionInput } from './retention.js';

/**
 * `creation` has one-second resolution, so two snapshots taken in the same second would tie.
 * The list is already in createtxg order; timestamps are nudged forward by a millisecond where
 * needed so retention sees the true order.
 */
export function toRetentionInputs(snaps: readonly SnapInfo[]): RetentionInput[] {
  let prev = -Infinity;
  return snaps.map((s) => {
    const t = Math.max(s.creation * 1000, prev + 1);
    prev = t;
    const type = snapType(s.name);
    const item: RetentionInput = { id: s.guid, createdAt: new Date(t).toISOString(), bytes: s.used };
    if (type !== undefined) item.type = type;
    return item;
  });
}
