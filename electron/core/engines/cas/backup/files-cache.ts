import type { Repository } from '../repo/repository.js';
import { allEntries } from '../tree/pages.js';
import type { Manifest } from '../tree/manifest.js';
import type { TreeEntry } from '../tree/entry.js';

/**
 * The previous snapshot's files, keyed by path: a file whose size, mtime, ctime and inode are all
 * unchanged keeps its chunk list without being read (restic's and borg's files cache).
 */
export class FilesCache {
  private constructor(private readonly byPath: Map<string, TreeEntry>) {}

  static empty(): FilesCache {
    return new FilesCache(new Map());
  }

  static async fromSnapshot(repo: Repository, parent: Manifest): Promise<FilesCache> {
    const m = new Map<string, TreeEntry>();
    for await (const e of allEntries(repo, parent.tree.pages)) if (e.type === 'file' && e.chunks) m.set(e.path.toString('latin1'), e);
    return new FilesCache(m);
  }

  /** The unchanged previous entry's chunks, when every one of them is still in the repository. */
  lookup(e: TreeEntry, has: (id: string) => boolean): string[] | null {
    const prev = this.byPath.get(e.path.toString('latin1'));
    if (!prev || !prev.chunks || prev.ctimeNs === 0n) return null;
    if (prev.size !== e.size || prev.mtimeNs !== e.mtimeNs || prev.ctimeNs !== e.ctimeNs || prev.ino !== e.ino) return null;
    return prev.chunks.every(has) ? prev.chunks : null;
  }
}
