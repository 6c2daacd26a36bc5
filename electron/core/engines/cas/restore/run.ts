import { spawnSync } from 'node:child_process';
import { link, mkdir, readdir, rm, symlink } from 'node:fs/promises';
import { CodedError } from '../../../../../shared/result.js';
import type { JobContext } from '../../../jobs/types.js';
import type { ConflictPolicy } from '../../types.js';
import { RepoLock } from '../repo/lock.js';
import { Repository } from '../repo/repository.js';
import { displayPath, splitPath, type TreeEntry } from '../tree/entry.js';
import { readManifest } from '../tree/manifest.js';
import { allEntries } from '../tree/pages.js';
import { applyMeta, lstatOrNull } from './meta.js';
import { newResult, noteRestored, type RestoreResult } from './result.js';
import { checkEntryPath, makeIncluded, normaliseInclude } from './safe-path.js';
import { restoreFileAs } from './single-file.js';
import { writeFileFromChunks } from './write-file.js';

export interface RestoreInput {
  repo: string;
  passphrase?: string;
  snapshotId: string;
  target: string;
  include: string[];
  force: boolean;
  conflict: ConflictPolicy;
  /** restore the one included file as `target/renameTo` (a plain name), never over an existing file */
  renameTo?: string;
}

export type { RestoreResult } from './result.js';

export async function runRestore(input: RestoreInput, ctx: JobContext): Promise<RestoreResult> {
  if (!input.target.startsWith('/')) throw new CodedError('bad-input', `restore target ${input.target} must be an absolute path`);
  const repo = await Repository.open(input.repo, input.passphrase === undefined ? {} : { passphrase: input.passphrase });
  const lock = await RepoLock.acquire(repo.storage, 'restore', false, { log: (m) => ctx.log('warn', m) });
  try {
    const manifest = await readManifest(repo, input.snapshotId);
    await repo.loadIndex({ unindexed: false });
    if (input.renameTo !== undefined) return await restoreFileAs(repo, manifest, { ...input, renameTo: input.renameTo }, ctx);
    const included = makeIncluded(input.include.map(normaliseInclude));
    // Read and check every entry before touching the target: a hostile manifest writes nothing.
    const entries: TreeEntry[] = [];
    for await (const e of allEntries(repo, manifest.tree.pages)) {
      checkEntryPath(e.path);
      if (included(e.path, e.type === 'dir')) entries.push(e);
    }
    if (input.include.length && !entries.some((e) => input.include.map(normaliseInclude).some((i) => i.equals(e.path)))) {
      throw new CodedError('not-found', `none of the included paths (${input.include.join(', ')}) is in snapshot ${input.snapshotId}`);
    }

    const policy: ConflictPolicy = input.conflict === 'fail' && input.force ? 'overwrite' : input.conflict;
    const targetSt = await lstatOrNull(Buffer.from(input.target));
    if (targetSt && !targetSt.isDirectory()) throw new CodedError('conflict', `restore target ${input.target} exists and is not a directory`);
    if (targetSt && policy === 'fail' && (await readdir(input.target)).length > 0) {
      throw new CodedError('conflict', `restore target ${input.target} exists and is not empty: use --force, or a conflict policy (skip, overwrite, keep-both)`);
    }
    await mkdir(input.target, { recursive: true });

    const target = Buffer.from(input.target.replace(/\/+$/, '') + '/');
    const abs = (rel: Buffer) => Buffer.concat([target, rel]);
    const dirsOk = new Set<string>(['']);
    const result = newResult(input.snapshotId, input.target);
    const warn = (p: Buffer, message: string) => {
      result.warnings.push({ path: displayPath(p), message });
      ctx.log('warn', `${displayPath(p)}: ${message}`);
    };
    const bytesTotal = entries.reduce((s, e) => s + (e.type === 'file' ? e.size : 0), 0);
    let filesDone = 0;
    const report = (item?: string) => ctx.progress({ phase: 'restore', bytesDone: result.bytes, bytesTotal, filesDone, filesTotal: entries.length, ...(item ? { currentItem: item } : {}) });

    /** The parent must be a real directory inside the target, reached through no symlink. */
    const ensureParent = async (rel: Buffer): Promise<boolean> => {
      const [parent] = splitPath(rel);
      const key = parent.toString('latin1');
      if (dirsOk.has(key)) return true;
      const parts = parent.toString('latin1').split('/');
      let cur = '';
      for (const part of parts) {
        cur = cur ? `${cur}/${part}` : part;
        if (dirsOk.has(cur)) continue;
        const p = abs(Buffer.from(cur, 'latin1'));
        const st = await lstatOrNull(p);
        if (!st) await mkdir(p, { mode: 0o700 });
        else if (!st.isDirectory()) {
          warn(rel, `not restored: ${displayPath(Buffer.from(cur, 'latin1'))} in the target is not a directory (a symlink would lead outside the target)`);
          return false;
        }
        dirsOk.add(cur);
      }
      return true;
    };

    const restoredLinks = new Map<string, Buffer>();
    const dirs: TreeEntry[] = [];
    for (const e of entries) {
      if (ctx.signal.aborted) throw new CodedError('cancelled', 'restore cancelled');
      if (!(await ensureParent(e.path))) {
        result.skipped++;
        continue;
      }
      let dest = abs(e.path);
      const existing = await lstatOrNull(dest);
      if (existing) {
        if (e.type === 'dir' && existing.isDirectory()) {
          dirsOk.add(e.path.toString('latin1'));
          if (policy !== 'skip') dirs.push(e);
          continue;
        }
        if (policy === 'skip' || (policy === 'keep-both' && e.type === 'dir')) {
          result.skipped++;
          warn(e.path, 'exists in the target, skipped');
          continue;
        }
        if (policy === 'keep-both') dest = Buffer.concat([dest, Buffer.from(`.restored-${input.snapshotId.slice(0, 8)}`)]);
        else await rm(dest, { recursive: true, force: true });
        if (await lstatOrNull(dest)) {
          result.skipped++;
          warn(e.path, 'exists in the target (also under its keep-both name), skipped');
          continue;
        }
      }
      try {
        switch (e.type) {
          case 'dir':
            await mkdir(dest, { mode: 0o700 });
            dirsOk.add(e.path.toString('latin1'));
            dirs.push(e);
            result.dirs++;
            break;
          case 'file': {
            const first = e.link ? restoredLinks.get(e.link) : undefined;
            if (first) await link(first, dest);
            else {
              await writeFileFromChunks(repo, dest, e.chunks ?? [], e.size, (n) => {
                result.bytes += n;
                result.chunksVerified++;
                report(displayPath(e.path));
              }, ctx.signal);
              await applyMeta(dest, e, false);
              if (e.link) restoredLinks.set(e.link, dest);
            }
            result.files++;
            filesDone++;
            noteRestored(result, dest.subarray(target.length));
            break;
          }
          case 'symlink':
            await symlink(e.target ?? Buffer.alloc(0), dest);
            await applyMeta(dest, e, true);
            break;
          case 'fifo':
          case 'char':
          case 'block': {
            const args = e.type === 'fifo' ? ['p'] : [e.type === 'char' ? 'c' : 'b', String((e.rdev ?? 0) >>> 8 & 0xfff), String(((e.rdev ?? 0) & 0xff) | (((e.rdev ?? 0) >>> 12) & 0xfff00))];
            const r = spawnSync('mknod', [dest.toString('utf8'), ...args]);
            if (r.status !== 0) warn(e.path, `could not create ${e.type}: ${r.stderr?.toString().trim() || 'mknod failed'}`);
            else await applyMeta(dest, e, false);
            break;
          }
          case 'socket':
            warn(e.path, 'sockets are recorded, not restored (a socket only exists while a program listens on it)');
            break;
        }
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOSPC' || code === 'EDQUOT') throw new CodedError('io', `restore target ${input.target} is full (while writing ${displayPath(e.path)}, ${result.bytes} bytes restored)`);
        if (code === 'EROFS') throw new CodedError('io', `restore target ${input.target} is read-only`);
        if (err instanceof CodedError) throw err;
        warn(e.path, `not restored: ${(err as Error).message}`);
      }
    }
    // Directory modes and times last, deepest first: writing inside would change their mtime,
    // and a read-only mode would stop the restore writing into them.
    for (const d of dirs.reverse()) await applyMeta(abs(d.path), d, false);
    if (input.include.length === 0) await applyMeta(target, { ...manifest.root, mtimeNs: BigInt(manifest.root.mtimeNs) }, false);
    report();
    return result;
  } finally {
    await lock.release();
  }
}
