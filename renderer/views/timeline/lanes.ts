import type { Snapshot } from '../../../shared/domain.js';
import { byCodePoint } from '../../lib/order.js';
import { factsOf } from '../../store/snapshot-facts.js';

export interface Lane {
  location: string;
  /** oldest first */
  snaps: Snapshot[];
  times: Float64Array;
  /** snaps[i].type is typeNames[typeIndex[i]]: the chart colours groups without reading 50,000 objects */
  typeIndex: Uint8Array | Uint16Array;
  typeNames: string[];
  /** some snapshot in the lane has tags */
  tagged: boolean;
}

export const snapKey = (s: Pick<Snapshot, 'id' | 'location'>) => `${s.id}@${s.location}`;

const LANE_ORDER = (a: string, b: string) => (a === 'local' ? -1 : b === 'local' ? 1 : byCodePoint(a, b));

/** One lane per location (ZFS: local and remote), plus `all` (every snapshot, for the list). Input is oldest first. */
export function buildLanes(snapshots: readonly Snapshot[]): { lanes: Lane[]; all: Lane } {
  const f = factsOf(snapshots);
  const all: Lane = { location: 'all', snaps: snapshots as Snapshot[], times: f.times, typeIndex: f.typeIndex, typeNames: f.typeNames, tagged: f.tagged };
  if (f.locations.length === 1) return { lanes: [{ ...all, location: f.locations[0]! }], all };
  const by = new Map<string, number[]>();
  for (let i = 0; i < snapshots.length; i++) {
    const loc = snapshots[i]!.location || 'local';
    let l = by.get(loc);
    if (!l) by.set(loc, (l = []));
    l.push(i);
  }
  const lanes = [...by.keys()].sort(LANE_ORDER).map((location): Lane => {
    const at = by.get(location)!;
    const snaps = at.map((i) => snapshots[i]!);
    return {
      location,
      snaps,
      times: Float64Array.from(at, (i) => f.times[i]!),
      typeIndex: Uint16Array.from(at, (i) => f.typeIndex[i]!),
      typeNames: f.typeNames,
      tagged: snaps.some((s) => s.tags.length > 0),
    };
  });
  return { lanes, all };
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
