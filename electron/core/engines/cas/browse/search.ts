import type { Repository } from '../repo/repository.js';
import { decodeName, displayPath, splitPath, type TreeEntry } from '../tree/entry.js';
import { listManifests } from '../tree/manifest.js';
import { readPage, type PageRef } from '../tree/pages.js';
import { openDir } from './ls.js';
import { toView, type EntryView } from './view.js';

export interface TreeSearch {
  snapshotId: string;
  path: string;
  query: string;
  entries: EntryView[];
  truncated: boolean;
}

export interface FoundPath {
  path: string;
  type: TreeEntry['type'];
  workload: string;
  versions: number;
  latest: { snapshotId: string; createdAt: string; size: number };
}

const nameMatcher = (query: string) => {
  const q = query.toLowerCase();
  return (e: TreeEntry) => displayPath(splitPath(e.path)[1]).toLowerCase().includes(q);
};

const SLASH = 0x2f;
const isAtOrBelow = (parent: Buffer, dir: Buffer) =>
  dir.length === 0 || parent.equals(dir) || (parent.length > dir.length && parent[dir.length] === SLASH && parent.subarray(0, dir.length).equals(dir));

/**
 * The pages that can hold entries at or below `dir`. Tree order is by parent, and every parent at
 * or below `dir` sorts in [dir, dir + "0") ("0" is the byte after "/"), so the range is contiguous.
 */
function pagesUnder(pages: PageRef[], dir: Buffer): PageRef[] {
  if (dir.length === 0) return pages;
  const end = Buffer.concat([dir, Buffer.from('0')]);
  const parentOf = (n: PageRef['first']) => splitPath(decodeName(n))[0];
  let lo = 0;
  let hi = pages.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Buffer.compare(parentOf(pages[mid]!.last), dir) < 0) lo = mid + 1;
    else hi = mid;
  }
  const out: PageRef[] = [];
  for (let i = lo; i < pages.length && Buffer.compare(parentOf(pages[i]!.first), end) < 0; i++) out.push(pages[i]!);
  return out;
}

/** Entries whose name contains `query`, in `path` of a snapshot and below it, in tree order. */
export async function searchTree(repo: Repository, snapshotId: string, path: string, query: string, limit = 500): Promise<TreeSearch> {
  const { m, dir } = await openDir(repo, snapshotId, path);
  const matches = nameMatcher(query);
  const entries: EntryView[] = [];
  for (const ref of pagesUnder(m.tree.pages, dir)) {
    for (const e of await readPage(repo, ref)) {
      if (!isAtOrBelow(splitPath(e.path)[0], dir) || !matches(e)) continue;
      if (entries.length === limit) return { snapshotId, path, query, entries, truncated: true };
      entries.push(toView(e));
    }
  }
  return { snapshotId, path, query, entries, truncated: false };
}

/**
 * Paths whose name contains `query` in any of the snapshots, with how many snapshots hold each.
 * Unchanged tree pages are shared between snapshots (same blob id), so each is read once.
 */
export async function findFiles(repo: Repository, query: string, workloadId?: string, limit = 200): Promise<FoundPath[]> {
  const matches = nameMatcher(query);
  const perPage = new Map<string, TreeEntry[]>();
  const found = new Map<string, FoundPath>();
  const { manifests } = await listManifests(repo);
  // newest first, so `latest` is set by the first snapshot that holds a path
  manifests.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  for (const m of manifests) {
    if (workloadId && m.workloadId !== workloadId) continue;
    for (const ref of m.tree.pages) {
      let hits = perPage.get(ref.id);
      if (!hits) perPage.set(ref.id, (hits = (await readPage(repo, ref)).filter(matches)));
      for (const e of hits) {
        const key = e.path.toString('latin1');
        const f = found.get(key);
        if (f) f.versions++;
        else found.set(key, { path: toView(e).path, type: e.type, workload: m.workload, versions: 1, latest: { snapshotId: m.id, createdAt: m.createdAt, size: e.size } });
      }
    }
  }
  // files before folders, then the shortest paths: the likeliest answers to "where is my report"
  return [...found.values()].sort((a, b) => Number(a.type === 'dir') - Number(b.type === 'dir') || a.path.length - b.path.length || a.path.localeCompare(b.path)).slice(0, limit);
}
