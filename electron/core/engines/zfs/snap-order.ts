import type { SnapInfo } from './model.js';
import { snapType } from './model.js';
import type { RetentionInput } from './retention.js';

const DAY = 86_400_000;
const dayPrefix = new Map<number, string>();
const D2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const D3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * ISO 8601 in UTC. Planning formats ~200,000 of these: the date part is cached per day, digits come
 * from tables, and join() yields a flat string (a template literal builds a rope that the
 * retention parser would have to flatten again).
 */
function iso(ms: number): string {
  const day = Math.floor(ms / DAY);
  let p = dayPrefix.get(day);
  if (p === undefined) dayPrefix.set(day, (p = new Date(day * DAY).toISOString().slice(0, 11)));
  let r = ms - day * DAY;
  const h = Math.floor(r / 3_600_000);
  r -= h * 3_600_000;
  const m = Math.floor(r / 60_000);
  r -= m * 60_000;
  const s = Math.floor(r / 1000);
  return [p, D2[h], ':', D2[m], ':', D2[s], '.', D3[r - s * 1000], 'Z'].join('');
}

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
    const item: RetentionInput = { id: s.guid, createdAt: iso(t), bytes: s.used };
    if (type !== undefined) item.type = type;
    return item;
  });
}
