import type { SnapInfo } from './model.js';
import { snapType } from './model.js';
import type { RetentionInput } from './retention.js';

const DAY = 86_400_000;
const dayPrefix = new Map<number, string>();
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** ISO 8601 in UTC; the date part is cached per day (planning formats ~200,000 of these). */
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
  return `${p}${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(r - s * 1000, 3)}Z`;
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
