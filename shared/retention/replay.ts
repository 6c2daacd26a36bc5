import { withinCutoff } from './compile.js';
import type { CompiledPolicy } from './compile.js';
import { decide, type Subject } from './decide.js';
import type { Keys } from './prepare.js';
import type { Zone } from './zone.js';

// Two ways to the state a schedule + policy reach. Creations are numbered 0…n−1 in creation
// order (keys.t non-decreasing; same-instant ones ordered by id, so by number).
//
// 1. stepwise: prune after every creation, exactly as the scheduler does — O(creations × kept).
// 2. once: one decision over everything ever created. It gives the same survivors whenever the
//    bucket keys never go backwards in time, because every rule only ever withdraws a reason
//    as newer snapshots arrive (keepLast positions grow, the keepWithin cutoff moves forward,
//    a period's newest snapshot stays its newest, a type's N newest only get newer), and the
//    "oldest" slot rule applies to the very first snapshot in both (slots, once full, stay full).
//    That needs bucket keys and keepWithin cutoffs that never go backwards from one creation to
//    the next. Keys can in zones whose DST change crosses midnight; cutoffs can for creations
//    inside a repeated autumn hour, or on month ends with a months duration (Go's AddDate
//    rolls 31 March − 1m over to 3 March, 1 April − 1m is 1 March). The caller checks both and
//    falls back to stepwise. Tests check both ways agree.

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

export function neverBackwards(n: number, keys: Keys, cutoffs: Float64Array | null): boolean {
  const columns = [keys.hour, keys.day, keys.week, keys.month, keys.year, ...(cutoffs ? [cutoffs] : [])];
  for (let i = 1; i < n; i++) for (const c of columns) if (c[i]! < c[i - 1]!) return false;
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
