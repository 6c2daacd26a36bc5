import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { CodedError } from '../../../../../shared/result.js';
import type { Repository } from '../repo/repository.js';
import { normaliseInclude } from '../restore/safe-path.js';
import { readManifest } from '../tree/manifest.js';
import { lookup } from '../tree/pages.js';
import { diffLines, type Hunk } from './line-diff.js';

/** Above this size a side is compared by size and hash only: a line diff of it would not be read. */
export const TEXT_DIFF_CAP = 2 << 20;

export interface FileSide {
  label: string;
  size: number;
  sha256: string;
}
/** A side read once: hashed whole, its bytes kept only when small enough to diff. */
interface ReadSide extends FileSide {
  bytes: Buffer | null;
}

export type FileDiff =
  | { kind: 'text'; a: FileSide; b: FileSide; identical: boolean; added: number; removed: number; hunks: Hunk[]; truncated: boolean }
  | { kind: 'binary'; a: FileSide; b: FileSide; identical: boolean; reason: 'binary' | 'too-large' };

/** Collects streamed pieces: every byte hashed, the bytes themselves kept up to the cap. */
function collector(label: string, size: number, mismatch: (at: number) => CodedError) {
  const hash = createHash('sha256');
  const keep = size <= TEXT_DIFF_CAP ? Buffer.alloc(size) : null;
  let at = 0;
  return {
    add(b: Buffer) {
      hash.update(b);
      if (keep && at + b.length <= keep.length) b.copy(keep, at);
      at += b.length;
    },
    done(): ReadSide {
      if (at !== size) throw mismatch(at);
      return { label, size, sha256: hash.digest('hex'), bytes: keep };
    },
  };
}

/** A file of a snapshot, read through the verifying blob path (every chunk checked against its id). */
export async function readSnapshotFile(repo: Repository, snapshotId: string, path: string): Promise<ReadSide> {
  const m = await readManifest(repo, snapshotId);
  const e = await lookup(repo, m.tree.pages, normaliseInclude(path));
  if (!e) throw new CodedError('not-found', `${path} is not in snapshot ${snapshotId}`);
  if (e.type !== 'file') throw new CodedError('bad-input', `${path} in snapshot ${snapshotId} is a ${e.type}, not a file`);
  const label = `${path} in snapshot ${snapshotId}`;
  const c = collector(label, e.size, (at) => new CodedError('corrupt', `${label}: its chunks hold ${at} bytes, the snapshot says ${e.size}`));
  for (const id of e.chunks ?? []) c.add(await repo.readBlob(id));
  return c.done();
}

/** A regular file on disk (the caller has checked it against the path policy), streamed; never follows a final symlink. */
export async function readDiskFile(path: string): Promise<ReadSide> {
  let fh;
  try {
    fh = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CodedError('not-found', `${path} does not exist on this machine`);
    if (code === 'ELOOP') throw new CodedError('bad-input', `${path} is a symbolic link, not a file`);
    if (code === 'EACCES') throw new CodedError('forbidden', `${path} is not readable`);
    throw e;
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new CodedError('bad-input', `${path} is not a regular file`);
    const c = collector(path, st.size, () => new CodedError('conflict', `${path} changed while it was read; try again`));
    const buf = Buffer.alloc(1 << 20);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      c.add(buf.subarray(0, bytesRead));
    }
    return c.done();
  } finally {
    await fh.close();
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Text = valid UTF-8 with no NUL byte (what `diff` and git treat as text, near enough). */
function asText(b: Buffer): string | null {
  if (b.includes(0)) return null;
  try {
    return utf8.decode(b);
  } catch {
    return null;
  }
}

export function compareSides(a: ReadSide, b: ReadSide): FileDiff {
  const sides = { a: { label: a.label, size: a.size, sha256: a.sha256 }, b: { label: b.label, size: b.size, sha256: b.sha256 } };
  const identical = a.sha256 === b.sha256 && a.size === b.size;
  if (!a.bytes || !b.bytes) return { kind: 'binary', ...sides, identical, reason: 'too-large' };
  const ta = asText(a.bytes);
  const tb = asText(b.bytes);
  if (ta === null || tb === null) return { kind: 'binary', ...sides, identical, reason: 'binary' };
  return { kind: 'text', ...sides, identical, ...diffLines(ta, tb) };
}
