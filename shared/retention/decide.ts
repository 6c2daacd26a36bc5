import { formatDay, pad } from './calendar.js';
import type { BucketKind, CompiledPolicy } from './compile.js';
import type { Keys } from './prepare.js';

// The decision loop. Semantics (restic's `forget`, plus backupd's per-type counts):
// - snapshots are visited newest first; keepLast keeps the first N;
// - each time bucket keeps the newest snapshot of each of the last N periods that contain a
//   snapshot (a gap of empty periods costs nothing, so two weeks offline lose no history);
//   and, as restic ≥ 0.17 does, when a bucket still has slots left at the oldest snapshot,
//   that oldest snapshot is kept too (history length is maximised while slots remain);
// - keepWithin keeps everything strictly after the cutoff (computed by the caller);
// - keepByType keeps the N newest of each type; keepTags keeps every tagged snapshot;
// - pinned and protected snapshots are always kept.

export interface Decision {
  /** by position in `order` */
  keep: Uint8Array;
  /** null when reasons were not asked for (simulation steps) */
  reasons: (string[] | undefined)[] | null;
}

/** What the loop reads besides the keys: RetentionSnapshot fits. */
export interface Subject {
  id: string;
  type?: string;
  tags?: string[];
  pinned?: boolean;
}

export const NO_POLICY_REASON = 'no policy: keep all';

export function bucketLabel(kind: BucketKind, key: number): string {
  switch (kind) {
    case 'hourly':
      return `${formatDay(Math.floor(key / 24))} ${pad(key - Math.floor(key / 24) * 24)}h`;
    case 'daily':
      return formatDay(key);
    case 'weekly':
      return `${Math.floor(key / 100)}-W${pad(key % 100)}`;
    case 'monthly':
      return `${Math.floor(key / 12)}-${pad((key % 12) + 1)}`;
    case 'yearly':
      return String(key);
  }
}

function hasAll(tags: string[] | undefined, all: string[]): boolean {
  if (!tags || all.length === 0) return false;
  for (const t of all) if (!tags.includes(t)) return false;
  return true;
}

/** `order[0..count)` are indices into `keys` / `subjects`, newest first. */
export function decide(
  order: ArrayLike<number>,
  count: number,
  keys: Keys,
  subjects: ArrayLike<Subject>,
  cp: CompiledPolicy,
  cutoff: number,
  protections: Map<string, string[]> | null,
  withReasons: boolean,
): Decision {
  const keep = new Uint8Array(count);
  const reasons: (string[] | undefined)[] | null = withReasons ? new Array(count) : null;
  const buckets = cp.buckets;
  const columns = buckets.map((b) => keys[b.field]);
  const used = new Int32Array(buckets.length);
  const lastKey = buckets.map(() => NaN);
  const typeUsed = cp.byType ? new Map<string, number>() : null;
  // once every slot is taken, the old snapshots (most of a long history) skip those rules
  let bucketsOpen = buckets.length;
  let typesOpen = cp.byType ? cp.byType.size : 0;
  const t = keys.t;
  const tags = cp.tags.length ? cp.tags : null;

  for (let i = 0; i < count; i++) {
    const x = order[i]!;
    let k = cp.empty;
    let rs: string[] | undefined;
    if (k && withReasons) rs = [NO_POLICY_REASON];
    if (i < cp.last) {
      k = true;
      if (withReasons) (rs ??= []).push(`last ${i + 1}/${cp.last}`);
    }
    for (let b = 0; bucketsOpen > 0 && b < buckets.length; b++) {
      const bucket = buckets[b]!;
      if (used[b]! >= bucket.n) continue;
      const key = columns[b]![x]!;
      const oldest = i === count - 1 && key === lastKey[b];
      if (key !== lastKey[b] || oldest) {
        k = true;
        lastKey[b] = key;
        const slot = ++used[b]!;
        if (slot === bucket.n) bucketsOpen--;
        if (withReasons) (rs ??= []).push(`${bucket.kind} ${bucketLabel(bucket.kind, key)} (${slot}/${bucket.n}${oldest ? ', oldest' : ''})`);
      }
    }
    if (cp.within && t[x]! > cutoff) {
      k = true;
      if (withReasons) (rs ??= []).push(`within ${cp.within.text}`);
    }
    const s = subjects[x]!;
    if (typesOpen > 0 && s.type !== undefined) {
      const max = cp.byType!.get(s.type);
      if (max !== undefined) {
        const slot = (typeUsed!.get(s.type) ?? 0) + 1;
        if (slot <= max) {
          typeUsed!.set(s.type, slot);
          if (slot === max) typesOpen--;
          k = true;
          if (withReasons) (rs ??= []).push(`type ${s.type} (${slot}/${max})`);
        }
      }
    }
    if (tags) {
      for (const tag of tags) {
        if (hasAll(s.tags, tag.all)) {
          k = true;
          if (withReasons) (rs ??= []).push(`tag ${tag.text}`);
        }
      }
    }
    if (s.pinned === true) {
      k = true;
      if (withReasons) (rs ??= []).push('pinned');
    }
    if (protections) {
      const prot = protections.get(s.id);
      if (prot) {
        k = true;
        if (withReasons) for (const p of prot) (rs ??= []).push(`protected: ${p}`);
      }
    }
    if (k) keep[i] = 1;
    if (reasons) reasons[i] = rs;
  }
  return { keep, reasons };
}
