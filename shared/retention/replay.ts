import { withinCutoff } from './compile.js';
import type { CompiledPolicy } from './compile.js';
import { decide, type Subject } from './decide.js';
import type { Keys } from './prepare.js';
import type { Zone } from './zone.js';

// Two ways to the state a schedule + policy reach. Creations are numbered 0…n−1 in creation
// order (keys.t non-decreasing; same-instant ones ordered by id, so by number).
//
// 1. stepwise: prune after every creation, exactly as the scheduler does — O(creations × kept).
// 2. once: one decision over everything ever created. Every rule but keepWithin only ever
//    withdraws a reason as newer snapshots arrive, given bucket keys that never go backwards
//    in time (keepLast positions grow, a period's newest snapshot stays its newest, a type's N
//    newest only get newer, and the "oldest" slot rule concerns the very first snapshot in both
//    ways: slots, once full, stay full). So stepwise deletes a snapshot exactly when, at some
//    step, those rules have withdrawn and it is at or before that step's keepWithin cutoff; if
//    the final cutoff is the largest of all, that is exactly "at the end", the one-pass answer.
//    Keys can go backwards in zones whose DST change crosses midnight; the final cutoff is
//    not the largest when a replay ends inside a repeated autumn hour with sub-hourly creations.
//    The caller checks both and falls back to stepwise; tests check both ways agree.

export interface Replay {
  /** survivors, newest first */
  alive: number[];
  /** most snapshots at once (right after a creation, before its prune); null when not replayed */
  peak: number | null;
}

/** keepWithin's cutoff after each creation (creation i is the newest then); null without keepWithin */
export function cutoffsFor(n: number, keys: Keys, cp: CompiledPolicy, zone: Zone): Float64Array | null {
  if (!cp.within) return null;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = withinCutoff(zone, keys.t[i]!, cp.within.d);
  return out;
}

/** When this holds, pruneOnce() gives exactly the stepwise survivors (see above). */
export function onePassExact(n: number, keys: Keys, cutoffs: Float64Array | null): boolean {
  const columns = [keys.hour, keys.day, keys.week, keys.month, keys.year];
  for (let i = 1; i < n; i++) for (const c of columns) if (c[i]! < c[i - 1]!) return false;
  if (cutoffs && n) for (let i = 0; i < n - 1; i++) if (cutoffs[i]! > cutoffs[n - 1]!) return false;
  return true;
}

export function pruneOnce(n: number, keys: Keys, subjects: ArrayLike<Subject>, cp: CompiledPolicy, cutoffs: Float64Array | null): number[] {
  const order = Array.from({ length: n }, (_, i) => n - 1 - i);
  const { keep } = decide(order, n, keys, subjects, cp, cutoffs && n ? cutoffs[n - 1]! : -Infinity, null, false);
  return order.filter((_, j) => keep[j] === 1);
}

/** null when the record visits would exceed `budget` (the caller decides what that means). */
export function replayStepwise(n: number, keys: Keys, subjects: ArrayLike<Subject>, cp: CompiledPolicy, cutoffs: Float64Array | null, budget: number): Replay | null {
  let alive: number[] = [];
  let peak = 0;
  let work = 0;
  for (let i = 0; i < n; i++) {
    alive.unshift(i);
    peak = Math.max(peak, alive.length);
    const { keep } = decide(alive, alive.length, keys, subjects, cp, cutoffs ? cutoffs[i]! : -Infinity, null, false);
    if (keep.includes(0)) alive = alive.filter((_, j) => keep[j] === 1);
    work += alive.length;
    if (work > budget) return null;
  }
  return { alive, peak };
}
