import { describe, expect, it } from 'vitest';
import { compileExcludes } from '../../../electron/core/engines/cas/backup/excludes.js';
import { encodeTrailer, parsePack, PACK_MAGIC, type BlobEntry } from '../../../electron/core/engines/cas/pack/format.js';
import { decodeIndex, encodeIndex } from '../../../electron/core/engines/cas/repo/index-file.js';
import { checkEntryPath, makeIncluded, normaliseInclude } from '../../../electron/core/engines/cas/restore/safe-path.js';
import { compareKeys, encodeName, entryFromJson, entryToJson, sortTree, type TreeEntry } from '../../../electron/core/engines/cas/tree/entry.js';

const id = (n: number) => n.toString(16).padStart(64, '0');

describe('excludes', () => {
  const ex = compileExcludes(['*.tmp', 'node_modules', '/build', 'logs/**/*.gz', 'cache/']);
  it.each([
    ['a.tmp', true],
    ['deep/x/a.tmp', true],
    ['a.tmpx', false],
    ['node_modules', true],
    ['pkg/node_modules', true],
    ['build', true],
    ['src/build', false],
    ['logs/a/b/c.gz', true],
    ['logs/c.gz', true],
    ['other/logs/c.gz', false],
    ['cache', true],
  ])('%s excluded: %s', (p, want) => expect(ex(p)).toBe(want));
  it('no patterns exclude nothing', () => expect(compileExcludes([])('x')).toBe(false));
});

describe('restore path safety', () => {
  it.each(['../x', 'a/../../x', '/etc/passwd', 'a//b', './a', 'a/.', '', 'a\0b'])('refuses %j', (p) => {
    expect(() => checkEntryPath(Buffer.from(p))).toThrow(/would escape the restore target/);
  });
  it.each(['a', 'a/b/c', '..a', 'a..', '.hidden/x', 'a/...'])('accepts %j', (p) => expect(() => checkEntryPath(Buffer.from(p))).not.toThrow());
  it('include selection keeps the way down and everything below', () => {
    const inc = makeIncluded([normaliseInclude('/a/b/')]);
    expect(inc(Buffer.from('a'), true)).toBe(true);
    expect(inc(Buffer.from('a/b'), true)).toBe(true);
    expect(inc(Buffer.from('a/b/c/d'), false)).toBe(true);
    expect(inc(Buffer.from('a/bc'), false)).toBe(false);
    expect(inc(Buffer.from('a/x'), false)).toBe(false);
    expect(inc(Buffer.from('a'), false)).toBe(false);
    expect(() => normaliseInclude('a/../b')).toThrow(/cannot contain/);
  });
});

describe('pack and index formats', () => {
  const entries: BlobEntry[] = [
    { id: id(1), type: 0, flags: 1, offset: 8, length: 5, rawLength: 9 },
    { id: id(2), type: 1, flags: 0, offset: 13, length: 3, rawLength: 3 },
  ];
  it('a pack lists its own blobs from its trailer', () => {
    const pack = Buffer.concat([PACK_MAGIC, Buffer.from('aaaaabbb'), encodeTrailer(entries)]);
    expect(parsePack(pack, 'p')).toEqual(entries);
    expect(() => parsePack(pack.subarray(0, pack.length - 1), 'p')).toThrow(/no valid trailer/);
    const lying = Buffer.from(pack);
    lying.writeUInt32LE(9999, pack.length - 16 - 46 + 34); // second entry's offset
    expect(() => parsePack(lying, 'p')).toThrow(/outside the pack/);
  });
  it('index round trip, and truncation is detected', () => {
    const buf = encodeIndex([{ id: id(7), size: 100, entries }]);
    expect(decodeIndex(buf, 'i')).toEqual([{ id: id(7), size: 100, entries }]);
    expect(decodeIndex(buf, 'i', 1)).toEqual([{ id: id(7), size: 100, entries: [entries[1]] }]);
    expect(() => decodeIndex(buf.subarray(0, buf.length - 3), 'i')).toThrow(/truncated/);
    expect(() => decodeIndex(Buffer.from('nonsense'), 'i')).toThrow(/bad header/);
  });
});

describe('tree entries', () => {
  const e: TreeEntry = { path: Buffer.from([0x61, 0x2f, 0xff, 0xfe]), type: 'symlink', mode: 0o777, uid: 1, gid: 2, mtimeNs: 1600000000123456789n, ctimeNs: 5n, ino: 18446744073709551615n, dev: 3n, size: 0, target: Buffer.from([0xc3, 0x28]) };
  it('raw (non-UTF-8) names and targets survive JSON', () => {
    const j = JSON.parse(JSON.stringify(entryToJson(e)));
    expect(j.pb).toBeDefined();
    expect(j.lb).toBeDefined();
    expect(entryFromJson(j)).toEqual(e);
    expect(encodeName(Buffer.from('ünï'))).toEqual({ p: 'ünï' });
  });
  it('tree order: by parent, then name; a directory sorts before its children', () => {
    const paths = ['b', 'a/z', 'a', 'a-x', 'a/b/c', 'a/b', 'ab'].map((p) => Buffer.from(p));
    const sorted = [...paths].sort(compareKeys).map((b) => b.toString());
    expect(sorted).toEqual(['a', 'a-x', 'ab', 'b', 'a/b', 'a/z', 'a/b/c']);
  });
  it('sortTree (precomputed keys) agrees with compareKeys, raw bytes included', () => {
    const alphabet = ['a', 'b', '-', '.', '\xff', '\xc3\xa9', 'Z'];
    let x = 12345;
    const rnd = (n: number) => ((x = (x * 1103515245 + 12345) >>> 0), x % n);
    const paths = Array.from({ length: 2000 }, () => Array.from({ length: 1 + rnd(3) }, () => Array.from({ length: 1 + rnd(3) }, () => alphabet[rnd(alphabet.length)]).join('')).join('/'));
    const entries = [...new Set(paths)].map((p) => ({ path: Buffer.from(p, 'latin1') }) as TreeEntry);
    const a = sortTree([...entries]).map((e) => e.path.toString('latin1'));
    const b = [...entries].sort((p, q) => compareKeys(p.path, q.path)).map((e) => e.path.toString('latin1'));
    expect(a).toEqual(b);
  });
});
