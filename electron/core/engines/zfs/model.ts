// The inventory model the planner works on: plain data, structured-cloneable, no I/O.

export interface SnapInfo {
  /** the part after '@' */
  name: string;
  /** u64, kept as a decimal string */
  guid: string;
  createtxg: number;
  /** unix seconds */
  creation: number;
  used: number;
  /** holds on the snapshot (userrefs); a held snapshot cannot be destroyed */
  userrefs: number;
}

export interface DatasetInv {
  /** path relative to the side's root: '' for the root itself, 'a/b' for root/a/b */
  rel: string;
  /** ordered by createtxg (oldest first) */
  snapshots: SnapInfo[];
  /** a partial receive waiting to be resumed (OpenZFS recv -s) */
  resumeToken?: string;
}

export interface SideInventory {
  root: string;
  /** false when the root dataset itself does not exist (e.g. nothing replicated yet) */
  exists: boolean;
  datasets: DatasetInv[];
}

export function fullName(root: string, rel: string): string {
  return rel === '' ? root : `${root}/${rel}`;
}

export function relName(root: string, name: string): string | undefined {
  if (name === root) return '';
  if (name.startsWith(`${root}/`)) return name.slice(root.length + 1);
  return undefined;
}

/** Type of a snapshot for retention: the name's prefix before the first '-' (backupd semantics). */
export function snapType(name: string): string | undefined {
  const i = name.indexOf('-');
  return i > 0 ? name.slice(0, i) : undefined;
}
