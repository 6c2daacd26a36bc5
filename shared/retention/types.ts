/** What retention needs to know about one snapshot (engines map their own records to this). */
export interface RetentionSnapshot {
  id: string;
  /** ISO 8601 with a zone designator, e.g. 2026-11-20T13:00:00Z */
  createdAt: string;
  /** backup type: zfs passes the name prefix before the first `-` (see zfsSnapshotType) */
  type?: string;
  tags?: string[];
  pinned?: boolean;
  /** bytes freed if this snapshot alone is deleted (engine's estimate), for `bytesFreed` */
  bytes?: number;
}

/** An engine's reason never to delete a snapshot, e.g. { id, reason: 'latest shared snapshot' }. */
export interface Protection {
  id: string;
  reason: string;
}

export interface ExplainOptions {
  /** anchors keepWithin: the newest snapshot not after `now` (default: the clock) */
  now?: number | string | Date;
  /** IANA zone whose calendar defines hours, days, weeks, months, years (default UTC) */
  timeZone?: string;
  protections?: Protection[];
}

export interface ExplainItem {
  id: string;
  createdAt: string;
  keep: boolean;
  /** every reason it is kept, in rule order; empty when deleted */
  reasons: string[];
}

export interface ExplainResult {
  timeZone: string;
  /** newest first (createdAt, then id as the tie-break) */
  items: ExplainItem[];
  kept: number;
  deleted: number;
  /** sum of `bytes` of deleted snapshots, present only when every deleted snapshot has `bytes` */
  bytesFreed?: number;
}

/** backupd's rule: a ZFS snapshot's type is its name's prefix before the first `-`. */
export function zfsSnapshotType(snapshotName: string): string | undefined {
  const name = snapshotName.includes('@') ? snapshotName.slice(snapshotName.indexOf('@') + 1) : snapshotName;
  const dash = name.indexOf('-');
  return dash > 0 ? name.slice(0, dash) : undefined;
}
