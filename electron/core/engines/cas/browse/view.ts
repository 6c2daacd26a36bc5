import { displayPath, splitPath, type TreeEntry } from '../tree/entry.js';

/** What browse results show of an entry (plain JSON, for IPC and --json). */
export interface EntryView {
  name: string;
  path: string;
  type: TreeEntry['type'];
  size: number;
  mode: number;
  uid: number;
  gid: number;
  mtime: string;
  target?: string;
  /** base64 of the raw name when it is not valid UTF-8 (name/path then hold U+FFFD) */
  rawPath?: string;
}

export function toView(e: TreeEntry): EntryView {
  const path = displayPath(e.path);
  const v: EntryView = { name: displayPath(splitPath(e.path)[1]), path, type: e.type, size: e.size, mode: e.mode, uid: e.uid, gid: e.gid, mtime: new Date(Number(e.mtimeNs / 1000000n)).toISOString() };
  if (e.target) v.target = displayPath(e.target);
  if (!Buffer.from(path, 'utf8').equals(e.path)) v.rawPath = e.path.toString('base64');
  return v;
}
