import { CodedError } from '../../../../../shared/result.js';
import { displayPath } from '../tree/entry.js';

/**
 * A manifest comes from disk and may have been crafted: every path must be relative, made of
 * plain names (no "", ".", ".." segments, no NUL). Anything else is refused before a byte is written.
 */
export function checkEntryPath(p: Buffer): void {
  const bad = (why: string) => new CodedError('corrupt', `snapshot entry "${displayPath(p)}" would escape the restore target (${why}); refused`);
  if (p.length === 0) throw bad('empty path');
  if (p[0] === 0x2f) throw bad('absolute path');
  if (p.includes(0)) throw bad('NUL byte');
  let start = 0;
  for (let i = 0; i <= p.length; i++) {
    if (i === p.length || p[i] === 0x2f) {
      const seg = p.subarray(start, i);
      if (seg.length === 0) throw bad('empty segment');
      if (seg.length === 1 && seg[0] === 0x2e) throw bad('"." segment');
      if (seg.length === 2 && seg[0] === 0x2e && seg[1] === 0x2e) throw bad('".." segment');
      start = i + 1;
    }
  }
}

/** Normalises a user-given include path ("/a/b/", "a/b") to the tree's form ("a/b"); "" means everything. */
export function normaliseInclude(p: string): Buffer {
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.includes('..')) throw new CodedError('bad-input', `include path ${p} cannot contain ".."`);
  return Buffer.from(parts.join('/'));
}

const isPrefixDir = (dir: Buffer, p: Buffer) => dir.length === 0 || (p.length > dir.length && p[dir.length] === 0x2f && p.subarray(0, dir.length).equals(dir));

/** Whether an entry is selected by the include list: at or below an include, or a directory on the way to one. */
export function makeIncluded(includes: Buffer[]): (p: Buffer, isDir: boolean) => boolean {
  if (includes.length === 0 || includes.some((i) => i.length === 0)) return () => true;
  return (p, isDir) => includes.some((inc) => inc.equals(p) || isPrefixDir(inc, p) || (isDir && isPrefixDir(p, inc)));
}
