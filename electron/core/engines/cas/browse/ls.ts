import { CodedError } from '../../../../../shared/result.js';
import type { Repository } from '../repo/repository.js';
import { normaliseInclude } from '../restore/safe-path.js';
import { decodeName, splitPath } from '../tree/entry.js';
import { readManifest } from '../tree/manifest.js';
import { lookup, readPage } from '../tree/pages.js';
import { toView, type EntryView } from './view.js';

export interface LsPage {
  snapshotId: string;
  path: string;
  entries: EntryView[];
  offset: number;
  /** null when this is the last page */
  nextOffset: number | null;
}

/** (parent, name) order, with the name empty: the position just before a directory's first child. */
function beforeChildren(pageLast: Buffer, dir: Buffer): boolean {
  const [p] = splitPath(pageLast);
  return Buffer.compare(p, dir) < 0;
}

/** A snapshot's manifest and a directory in it, refused clearly when it is missing or not a directory. */
export async function openDir(repo: Repository, snapshotId: string, path: string) {
  const m = await readManifest(repo, snapshotId);
  const dir = normaliseInclude(path);
  if (dir.length) {
    const e = await lookup(repo, m.tree.pages, dir);
    if (!e) throw new CodedError('not-found', `${path} is not in snapshot ${snapshotId}`);
    if (e.type !== 'dir') throw new CodedError('bad-input', `${path} is not a directory in snapshot ${snapshotId}`);
  }
  return { m, dir };
}

/** One page of a directory's children. Reads only the tree pages that hold them. */
export async function listDir(repo: Repository, snapshotId: string, path: string, offset = 0, limit = 500): Promise<LsPage> {
  const { m, dir } = await openDir(repo, snapshotId, path);
  const pages = m.tree.pages;
  let lo = 0;
  let hi = pages.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (beforeChildren(decodeName(pages[mid]!.last), dir)) lo = mid + 1;
    else hi = mid;
  }
  const out: EntryView[] = [];
  let seen = 0;
  for (let i = lo; i < pages.length; i++) {
    const [firstParent] = splitPath(decodeName(pages[i]!.first));
    if (Buffer.compare(firstParent, dir) > 0) break;
    for (const e of await readPage(repo, pages[i]!)) {
      const c = Buffer.compare(splitPath(e.path)[0], dir);
      if (c < 0) continue;
      if (c > 0) return { snapshotId, path, entries: out, offset, nextOffset: null };
      if (seen++ < offset) continue;
      if (out.length === limit) return { snapshotId, path, entries: out, offset, nextOffset: offset + limit };
      out.push(toView(e));
    }
  }
  return { snapshotId, path, entries: out, offset, nextOffset: null };
}
