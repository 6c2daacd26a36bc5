// One entry of a snapshot's tree. Paths are raw bytes (Linux names need not be UTF-8) and
// relative to the source root, '/'-separated; the JSON form keeps text names readable.

export type EntryType = 'file' | 'dir' | 'symlink' | 'fifo' | 'socket' | 'char' | 'block';

export interface TreeEntry {
  path: Buffer;
  type: EntryType;
  mode: number; // permission bits incl. setuid/setgid/sticky
  uid: number;
  gid: number;
  mtimeNs: bigint;
  ctimeNs: bigint;
  ino: bigint;
  dev: bigint;
  size: number;
  target?: Buffer; // symlink
  /** hard-link group ("dev:ino") when the file had more than one link */
  link?: string;
  rdev?: number; // devices
  chunks?: string[];
}

const TYPE_CODES: Record<EntryType, string> = { file: 'f', dir: 'd', symlink: 'l', fifo: 'p', socket: 's', char: 'c', block: 'b' };
const CODE_TYPES = Object.fromEntries(Object.entries(TYPE_CODES).map(([k, v]) => [v, k])) as Record<string, EntryType>;

/** A name as JSON: the string when the bytes are valid UTF-8 (and survive the round trip), else base64. */
export type EncodedName = { p: string } | { pb: string };

export function encodeName(b: Buffer): EncodedName {
  let ascii = true;
  for (let i = 0; i < b.length; i++) if (b[i]! > 0x7f) (ascii = false), (i = b.length);
  if (ascii) return { p: b.toString('latin1') }; // the common case, without the round-trip check
  const s = b.toString('utf8');
  return Buffer.byteLength(s) === b.length && Buffer.from(s, 'utf8').equals(b) ? { p: s } : { pb: b.toString('base64') };
}
export function decodeName(n: EncodedName): Buffer {
  return 'p' in n ? Buffer.from(n.p, 'utf8') : Buffer.from(n.pb, 'base64');
}
/** For display: invalid bytes become U+FFFD. */
export const displayPath = (b: Buffer): string => b.toString('utf8');

export interface EntryJson {
  p?: string;
  pb?: string;
  t: string;
  m: number;
  u: number;
  g: number;
  mt: string;
  ct: string;
  i: string;
  d: string;
  s: number;
  l?: string;
  lb?: string;
  h?: string;
  r?: number;
  c?: string[];
}

export function entryToJson(e: TreeEntry): EntryJson {
  const j: EntryJson = { ...encodeName(e.path), t: TYPE_CODES[e.type], m: e.mode, u: e.uid, g: e.gid, mt: e.mtimeNs.toString(), ct: e.ctimeNs.toString(), i: e.ino.toString(), d: e.dev.toString(), s: e.size };
  if (e.target) {
    const t = encodeName(e.target);
    if ('p' in t) j.l = t.p;
    else j.lb = t.pb;
  }
  if (e.link !== undefined) j.h = e.link;
  if (e.rdev !== undefined) j.r = e.rdev;
  if (e.chunks) j.c = e.chunks;
  return j;
}

export function entryFromJson(j: EntryJson): TreeEntry {
  const type = CODE_TYPES[j.t];
  if (!type) throw new Error(`unknown entry type ${j.t}`);
  const e: TreeEntry = {
    path: decodeName(j.p !== undefined ? { p: j.p } : { pb: j.pb ?? '' }),
    type,
    mode: j.m,
    uid: j.u,
    gid: j.g,
    mtimeNs: BigInt(j.mt),
    ctimeNs: BigInt(j.ct),
    ino: BigInt(j.i),
    dev: BigInt(j.d),
    size: j.s,
  };
  if (j.l !== undefined) e.target = Buffer.from(j.l, 'utf8');
  else if (j.lb !== undefined) e.target = Buffer.from(j.lb, 'base64');
  if (j.h !== undefined) e.link = j.h;
  if (j.r !== undefined) e.rdev = j.r;
  if (j.c) e.chunks = j.c;
  return e;
}

const SLASH = 0x2f;
/** (parent, name) of a relative path; the parent of a top-level name is the empty buffer. */
export function splitPath(p: Buffer): [Buffer, Buffer] {
  const i = p.lastIndexOf(SLASH);
  return i < 0 ? [Buffer.alloc(0), p] : [p.subarray(0, i), p.subarray(i + 1)];
}

/**
 * Tree order: by parent directory, then name (bytewise). A directory's children are contiguous,
 * so one page lookup lists a directory, and merging two trees in this order diffs them.
 */
export function compareKeys(a: Buffer, b: Buffer): number {
  const [pa, na] = splitPath(a);
  const [pb, nb] = splitPath(b);
  return Buffer.compare(pa, pb) || Buffer.compare(na, nb);
}

/**
 * Sorts into tree order fast: one key per entry, parent ‖ NUL ‖ name as a latin1 string, compared
 * with `<` (code units 0–255 = bytes). NUL sorts below every byte a name can hold and a parent that
 * is a prefix of another sorts first, exactly as compareKeys does.
 */
export function sortTree(entries: TreeEntry[]): TreeEntry[] {
  const keyed = entries.map((e) => {
    const [parent, name] = splitPath(e.path);
    return { k: `${parent.toString('latin1')}\0${name.toString('latin1')}`, e };
  });
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map((x) => x.e);
}
