import type { Snapshot } from '../../../shared/domain.js';
import { knownTimes } from '../../store/snapshot-columns.js';

export interface Lane {
  location: string;
  /** oldest first */
  snaps: Snapshot[];
  times: Float64Array;
}

export const snapKey = (s: Pick<Snapshot, 'id' | 'location'>) => `${s.id}@${s.location}`;

/** `times[i]` for `snaps[i]`: from the list's known times (see knownTimes) or, for lists made elsewhere, parsed. */
function lane(location: string, snaps: Snapshot[], times?: Float64Array): Lane {
  if (!times) {
    times = new Float64Array(snaps.length);
    for (let i = 0; i < snaps.length; i++) times[i] = Date.parse(snaps[i]!.createdAt);
  }
  return { location, snaps, times };
}

const LANE_ORDER = (a: string, b: string) => (a === 'local' ? -1 : b === 'local' ? 1 : a.localeCompare(b));

/** One lane per location (ZFS: local and remote), plus `all` (every snapshot, for the list). Input is oldest first. */
export function buildLanes(snapshots: readonly Snapshot[]): { lanes: Lane[]; all: Lane } {
  const known = knownTimes(snapshots);
  const by = new Map<string, { snaps: Snapshot[]; times: number[] }>();
  for (let i = 0; i < snapshots.length; i++) {
    const s = snapshots[i]!;
    const loc = s.location || 'local';
    let l = by.get(loc);
    if (!l) by.set(loc, (l = { snaps: [], times: [] }));
    l.snaps.push(s);
    if (known) l.times.push(known[i]!);
  }
  if (by.size === 1) {
    const only = lane([...by.keys()][0]!, [...snapshots], known);
    return { lanes: [only], all: only };
  }
  const lanes = [...by.keys()].sort(LANE_ORDER).map((loc) => {
    const l = by.get(loc)!;
    return lane(loc, l.snaps, known ? Float64Array.from(l.times) : undefined);
  });
  return { lanes, all: lane('all', [...snapshots], known) };
}

/** guids present on more than one lane: replicated snapshots, drawn linked. */
export function sharedGuids(lanes: readonly Lane[]): Set<string> {
  if (lanes.length < 2) return new Set();
  const seen = new Map<string, number>();
  for (const l of lanes) {
    const mine = new Set<string>();
    for (const s of l.snaps) {
      const g = s.meta.guid;
      if (typeof g === 'string' || typeof g === 'number') mine.add(String(g));
    }
    for (const g of mine) seen.set(g, (seen.get(g) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, n]) => n > 1).map(([g]) => g));
}

const KNOWN_TYPES = new Set(['manual', 'scheduled', 'snapshot', 'pre-deploy', 'hourly', 'daily', 'weekly', 'monthly']);

/** CSS class for a snapshot type's colour. */
export function typeClass(type: string): string {
  return KNOWN_TYPES.has(type) ? `t-${type}` : 't-other';
}

const indexCache = new WeakMap<Lane, Map<string, number>>();

/** Position of a snapshot in the lane's time order, or -1; the index is built once per lane. */
export function indexOfKey(lane: Lane, key: string): number {
  let idx = indexCache.get(lane);
  if (!idx) {
    idx = new Map();
    for (let i = 0; i < lane.snaps.length; i++) idx.set(snapKey(lane.snaps[i]!), i);
    indexCache.set(lane, idx);
  }
  return idx.get(key) ?? -1;
}
