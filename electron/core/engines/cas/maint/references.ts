import type { Repository } from '../repo/repository.js';
import type { Manifest } from '../tree/manifest.js';
import { allEntries } from '../tree/pages.js';

/** Every blob the snapshots reference (tree pages and data chunks). */
export async function referencedBlobs(repo: Repository, manifests: Manifest[]): Promise<Set<string>> {
  const used = new Set<string>();
  for (const m of manifests) {
    for (const p of m.tree.pages) used.add(p.id);
    for await (const e of allEntries(repo, m.tree.pages)) for (const c of e.chunks ?? []) used.add(c);
  }
  return used;
}

/** Which snapshot files use any of `blobs`: what a damaged pack affects. */
export async function affectedFiles(repo: Repository, manifests: Manifest[], blobs: Set<string>): Promise<{ snapshotId: string; paths: string[]; treeDamaged: boolean }[]> {
  const out: { snapshotId: string; paths: string[]; treeDamaged: boolean }[] = [];
  for (const m of manifests) {
    const paths: string[] = [];
    let treeDamaged = false;
    for (const p of m.tree.pages) {
      if (blobs.has(p.id)) {
        treeDamaged = true;
        continue;
      }
      try {
        for await (const e of allEntries(repo, [p])) if (e.chunks?.some((c) => blobs.has(c))) paths.push(e.path.toString('utf8'));
      } catch {
        treeDamaged = true;
      }
    }
    if (paths.length || treeDamaged) out.push({ snapshotId: m.id, paths, treeDamaged });
  }
  return out;
}
