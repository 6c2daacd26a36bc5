import type { Repository } from '../repo/repository.js';
import { normaliseInclude } from '../restore/safe-path.js';
import { listManifests } from '../tree/manifest.js';
import { lookup } from '../tree/pages.js';
import { toView, type EntryView } from './view.js';

export interface PathVersion {
  snapshotId: string;
  createdAt: string;
  workload: string;
  entry: EntryView;
  /** content or metadata differs from the next older version that has the path */
  changed: boolean;
}

/** Every snapshot that holds `path`, newest first (one tree page read per snapshot). */
export async function findPath(repo: Repository, path: string, workloadId?: string): Promise<PathVersion[]> {
  const key = normaliseInclude(path);
  const { manifests } = await listManifests(repo);
  const found: (PathVersion & { sig: string })[] = [];
  for (const m of manifests) {
    if (workloadId && m.workloadId !== workloadId) continue;
    const e = await lookup(repo, m.tree.pages, key);
    if (!e) continue;
    found.push({ snapshotId: m.id, createdAt: m.createdAt, workload: m.workload, entry: toView(e), changed: true, sig: JSON.stringify([e.type, e.size, e.mode, e.mtimeNs.toString(), e.chunks, e.target?.toString('hex')]) });
  }
  for (let i = 0; i < found.length; i++) found[i]!.changed = i === found.length - 1 || found[i]!.sig !== found[i + 1]!.sig;
  return found.map(({ sig: _sig, ...v }) => v);
}
