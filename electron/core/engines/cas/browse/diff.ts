import type { Repository } from '../repo/repository.js';
import { compareKeys, type TreeEntry } from '../tree/entry.js';
import { readManifest } from '../tree/manifest.js';
import { allEntries } from '../tree/pages.js';
import { toView, type EntryView } from './view.js';

export interface DiffChange {
  kind: 'added' | 'removed' | 'changed';
  path: string;
  type: TreeEntry['type'];
  sizeBefore?: number;
  sizeAfter?: number;
  /** for changed: what differs */
  what?: string[];
}

export interface DiffResult {
  from: string;
  to: string;
  added: number;
  removed: number;
  changed: number;
  bytesAdded: number;
  bytesRemoved: number;
  changes: DiffChange[];
  truncated: boolean;
}

function differs(a: TreeEntry, b: TreeEntry): string[] {
  const what: string[] = [];
  if (a.type !== b.type) what.push('type');
  if (a.size !== b.size) what.push('size');
  if ((a.chunks ?? []).join() !== (b.chunks ?? []).join()) what.push('content');
  if (a.mode !== b.mode) what.push('mode');
  if (a.uid !== b.uid || a.gid !== b.gid) what.push('owner');
  if (a.mtimeNs !== b.mtimeNs && a.type !== 'dir') what.push('mtime');
  if (!(a.target ?? Buffer.alloc(0)).equals(b.target ?? Buffer.alloc(0))) what.push('target');
  return what;
}

/** Both trees are in the same order, so one merge pass finds every difference. */
export async function diffSnapshots(repo: Repository, fromId: string, toId: string, limit = 10_000): Promise<DiffResult> {
  const [a, b] = [await readManifest(repo, fromId), await readManifest(repo, toId)];
  const ia = allEntries(repo, a.tree.pages);
  const ib = allEntries(repo, b.tree.pages);
  const r: DiffResult = { from: fromId, to: toId, added: 0, removed: 0, changed: 0, bytesAdded: 0, bytesRemoved: 0, changes: [], truncated: false };
  const push = (c: DiffChange) => (r.changes.length < limit ? r.changes.push(c) : (r.truncated = true));
  let ea = await ia.next();
  let eb = await ib.next();
  while (!ea.done || !eb.done) {
    const c = ea.done ? 1 : eb.done ? -1 : compareKeys(ea.value.path, eb.value.path);
    if (c < 0 && !ea.done) {
      const v: EntryView = toView(ea.value);
      r.removed++;
      r.bytesRemoved += ea.value.size;
      push({ kind: 'removed', path: v.path, type: v.type, sizeBefore: v.size });
      ea = await ia.next();
    } else if (c > 0 && !eb.done) {
      const v = toView(eb.value);
      r.added++;
      r.bytesAdded += eb.value.size;
      push({ kind: 'added', path: v.path, type: v.type, sizeAfter: v.size });
      eb = await ib.next();
    } else if (!ea.done && !eb.done) {
      const what = differs(ea.value, eb.value);
      if (what.length) {
        r.changed++;
        if (eb.value.size > ea.value.size) r.bytesAdded += eb.value.size - ea.value.size;
        else r.bytesRemoved += ea.value.size - eb.value.size;
        push({ kind: 'changed', path: toView(eb.value).path, type: eb.value.type, sizeBefore: ea.value.size, sizeAfter: eb.value.size, what });
      }
      ea = await ia.next();
      eb = await ib.next();
    }
  }
  return r;
}
