import type { Snapshot } from '../../shared/domain.js';
import { columnsOf, knownTimes } from './snapshot-columns.js';

/**
 * What the timeline, its toolbar and the health check need of a whole list, read once per list: straight
 * from its columns when the list came from listSnapshotColumns (no pass over 50,000 snapshots on first
 * paint), else in one pass. Lists in the store are never changed in place, so a list's facts stay true.
 */
export interface ListFacts {
  /** list[i].createdAt in ms */
  times: Float64Array;
  /** list[i].type is typeNames[typeIndex[i]] */
  typeIndex: Uint8Array | Uint16Array;
  typeNames: string[];
  /** some snapshot has tags */
  tagged: boolean;
  /** the distinct locations, in order of first appearance */
  locations: string[];
  /** the one workload every snapshot belongs to, or null when mixed or empty */
  workloadId: string | null;
  /** createdAt of the newest complete snapshot */
  newestComplete: string | null;
}

const cache = new WeakMap<readonly Snapshot[], ListFacts>();

export function factsOf(list: readonly Snapshot[]): ListFacts {
  let f = cache.get(list);
  if (!f) cache.set(list, (f = fromColumns(list) ?? scanned(list)));
  return f;
}

function fromColumns(list: readonly Snapshot[]): ListFacts | undefined {
  const c = columnsOf(list);
  if (!c) return undefined;
  let newest = -1;
  for (let i = c.complete.length - 1; i >= 0 && newest < 0; i--) if (c.complete[i] === 1) newest = i;
  return {
    times: c.time,
    typeIndex: c.type,
    typeNames: c.types,
    tagged: c.tagged.length > 0,
    locations: c.locations,
    workloadId: c.id.length ? c.workloadId : null,
    newestComplete: newest < 0 ? null : list[newest]!.createdAt,
  };
}

function scanned(list: readonly Snapshot[]): ListFacts {
  const known = knownTimes(list);
  const times = known ?? new Float64Array(list.length);
  const typeIndex = new Uint16Array(list.length);
  const typeNames: string[] = [];
  const typeAt = new Map<string, number>();
  const locations = new Set<string>();
  let tagged = false;
  let workloadId: string | null | undefined;
  let newest = -1; // by time: reading every createdAt would rebuild 50,000 date strings (ColumnSnapshot)
  for (let i = 0; i < list.length; i++) {
    const s = list[i]!;
    if (!known) times[i] = Date.parse(s.createdAt);
    let k = typeAt.get(s.type);
    if (k === undefined) typeAt.set(s.type, (k = typeNames.push(s.type) - 1));
    typeIndex[i] = k;
    if (s.tags.length) tagged = true;
    locations.add(s.location || 'local');
    workloadId = workloadId === undefined || workloadId === s.workloadId ? s.workloadId : null;
    if (s.complete && (newest < 0 || times[i]! > times[newest]!)) newest = i;
  }
  return { times, typeIndex, typeNames, tagged, locations: [...locations], workloadId: workloadId ?? null, newestComplete: newest < 0 ? null : list[newest]!.createdAt };
}
