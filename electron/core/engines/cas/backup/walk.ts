import { closeSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, type BigIntStats } from 'node:fs';
import { join } from 'node:path';
import { displayPath, type EntryType, type TreeEntry } from '../tree/entry.js';
import { CACHEDIR_SIGNATURE, type ExcludeFn } from './excludes.js';

export interface Warning {
  path: string;
  message: string;
}

export interface WalkResult {
  root: BigIntStats;
  entries: TreeEntry[];
  warnings: Warning[];
  totalBytes: number;
}

export function typeOf(st: BigIntStats): EntryType | null {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'char';
  if (st.isBlockDevice()) return 'block';
  return null;
}

export function entryFromStat(path: Buffer, st: BigIntStats, type: EntryType): TreeEntry {
  const e: TreeEntry = {
    path,
    type,
    mode: Number(st.mode & 0o7777n),
    uid: Number(st.uid),
    gid: Number(st.gid),
    mtimeNs: st.mtimeNs,
    ctimeNs: st.ctimeNs,
    ino: st.ino,
    dev: st.dev,
    size: type === 'file' ? Number(st.size) : 0,
  };
  if (type === 'file' && st.nlink > 1n) e.link = `${st.dev}:${st.ino}`;
  if (type === 'char' || type === 'block') e.rdev = Number(st.rdev);
  return e;
}

function isCacheDir(dir: Buffer): boolean {
  let fd: number;
  try {
    fd = openSync(Buffer.concat([dir, Buffer.from('/CACHEDIR.TAG')]), 'r');
  } catch {
    return false;
  }
  try {
    const b = Buffer.alloc(CACHEDIR_SIGNATURE.length);
    readSync(fd, b, 0, b.length, 0);
    return b.toString('latin1') === CACHEDIR_SIGNATURE;
  } finally {
    closeSync(fd);
  }
}

/**
 * Lists the tree under `source` without following symlinks (so symlink loops are just
 * symlinks). Synchronous on purpose: it runs in a worker thread, and sync lstat is several
 * times faster than the promise API for many small calls. Names stay raw bytes throughout.
 */
export function walk(source: string, opts: { exclude: ExcludeFn; oneFileSystem: boolean; excludeCaches: boolean; aborted: () => boolean }): WalkResult {
  const root = lstatSync(source, { bigint: true });
  const entries: TreeEntry[] = [];
  const warnings: Warning[] = [];
  let totalBytes = 0;
  const rootBuf = Buffer.from(source);
  const stack: Buffer[] = [Buffer.alloc(0)];
  while (stack.length > 0) {
    if (opts.aborted()) break;
    const rel = stack.pop()!;
    const abs = rel.length ? Buffer.concat([rootBuf, Buffer.from('/'), rel]) : rootBuf;
    let names: Buffer[];
    try {
      names = readdirSync(abs, { encoding: 'buffer' });
    } catch (e) {
      warnings.push({ path: displayPath(rel) || '.', message: `cannot read directory: ${(e as Error).message}` });
      continue;
    }
    const onlyTag = opts.excludeCaches && isCacheDir(abs);
    for (const name of names) {
      if (onlyTag && name.toString('latin1') !== 'CACHEDIR.TAG') continue;
      const childRel = rel.length ? Buffer.concat([rel, Buffer.from('/'), name]) : name;
      if (opts.exclude(displayPath(childRel))) continue;
      let st: BigIntStats;
      try {
        st = lstatSync(Buffer.concat([abs, Buffer.from('/'), name]), { bigint: true });
      } catch (e) {
        warnings.push({ path: displayPath(childRel), message: `cannot stat: ${(e as Error).message}` });
        continue;
      }
      const type = typeOf(st);
      if (!type) {
        warnings.push({ path: displayPath(childRel), message: 'unsupported file type, not backed up' });
        continue;
      }
      const entry = entryFromStat(childRel, st, type);
      if (type === 'symlink') {
        try {
          entry.target = readlinkSync(Buffer.concat([abs, Buffer.from('/'), name]), { encoding: 'buffer' });
        } catch (e) {
          warnings.push({ path: displayPath(childRel), message: `cannot read symlink: ${(e as Error).message}` });
          continue;
        }
      }
      entries.push(entry);
      if (type === 'file') totalBytes += Number(st.size);
      if (type === 'dir') {
        if (opts.oneFileSystem && st.dev !== root.dev) continue; // keep the mount point, not what is mounted there
        stack.push(childRel);
      }
    }
  }
  return { root, entries, warnings, totalBytes };
}

export const joinSource = (source: string, rel: Buffer): Buffer => Buffer.concat([Buffer.from(join(source, '/')), rel]);
