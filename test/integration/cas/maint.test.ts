import { appendFileSync, openSync, readdirSync, readSync, rmSync, statSync, truncateSync, writeFileSync, writeSync, closeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { runBackup } from '../../../electron/core/engines/cas/backup/run.js';
import { diffSnapshots } from '../../../electron/core/engines/cas/browse/diff.js';
import { findPath } from '../../../electron/core/engines/cas/browse/find.js';
import { listDir } from '../../../electron/core/engines/cas/browse/ls.js';
import { forgetSnapshots } from '../../../electron/core/engines/cas/maint/forget.js';
import { gc } from '../../../electron/core/engines/cas/maint/gc.js';
import { rebuildIndex } from '../../../electron/core/engines/cas/maint/rebuild-index.js';
import { verify } from '../../../electron/core/engines/cas/maint/verify.js';
import { Repository } from '../../../electron/core/engines/cas/repo/repository.js';
import { runRestore } from '../../../electron/core/engines/cas/restore/run.js';
import { listManifests } from '../../../electron/core/engines/cas/tree/manifest.js';
import { describeTree, jobCtx, tmp, cleanupTmp } from './helpers.js';

afterAll(cleanupTmp);

const small = { minSize: 4096, avgSize: 16384, maxSize: 65536 };

async function setup() {
  const src = tmp();
  mkdirSync(join(src, 'docs'));
  for (let i = 0; i < 30; i++) writeFileSync(join(src, 'docs', `f${String(i).padStart(2, '0')}.bin`), randomBytes(20_000 + i * 1000));
  writeFileSync(join(src, 'big.bin'), randomBytes(400_000));
  const repo = join(tmp(), 'repo');
  await Repository.init(repo, { chunker: small, packSize: 128 * 1024 });
  const base = { repo, source: src, workload: 'w', workloadId: 'w1', type: 'manual', tags: [], notes: '' };
  return { src, repo, base };
}

const packFiles = (repo: string) => readdirSync(join(repo, 'data'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name));

describe('cas maintenance', () => {
  it('forget + gc frees what only the forgotten snapshot used, and the rest still verifies and restores', async () => {
    const { src, repo, base } = await setup();
    const a = await runBackup(base, jobCtx());
    rmSync(join(src, 'big.bin'));
    writeFileSync(join(src, 'new.bin'), randomBytes(300_000));
    const b = await runBackup(base, jobCtx());
    await forgetSnapshots(repo, [a.id]);
    const before = packFiles(repo).reduce((s, p) => s + statSync(p).size, 0);
    const r = await gc(repo);
    const after = packFiles(repo).reduce((s, p) => s + statSync(p).size, 0);
    expect(r.packsDeleted + r.packsRepacked).toBeGreaterThan(0);
    expect(before - after).toBeGreaterThan(200_000); // most of big.bin (400 kB); packs it shared with live data may stay
    const v = await verify(repo, { deep: true });
    expect(v.problems).toEqual([]);
    const dst = join(tmp(), 'out');
    await runRestore({ repo, snapshotId: b.id, target: dst, include: [], force: false, conflict: 'fail' }, jobCtx());
    expect(describeTree(dst)).toEqual(describeTree(src));
    await expect(forgetSnapshots(repo, [a.id])).rejects.toThrow(/not found/);
  });

  it('deep verify names the snapshots and files a corrupted pack affects; restore refuses damaged data', async () => {
    const { repo, base } = await setup();
    const m = await runBackup(base, jobCtx());
    expect((await verify(repo, { deep: true })).ok).toBe(true);
    // flip one byte in the middle of the biggest pack (a data blob, not the trailer)
    const pack = packFiles(repo).sort((x, y) => statSync(y).size - statSync(x).size)[0]!;
    const fd = openSync(pack, 'r+');
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, 100);
    writeSync(fd, Buffer.from([b[0]! ^ 0xff]), 0, 1, 100);
    closeSync(fd);
    expect((await verify(repo, { deep: false })).ok).toBe(true); // structure is intact
    const v = await verify(repo, { deep: true });
    expect(v.ok).toBe(false);
    expect(v.problems.some((p) => p.kind === 'damaged-blob')).toBe(true);
    expect(v.affected[0]?.snapshotId).toBe(m.id);
    expect(v.affected[0]?.paths.length).toBeGreaterThan(0);
    await expect(runRestore({ repo, snapshotId: m.id, target: join(tmp(), 'o'), include: [], force: false, conflict: 'fail' }, jobCtx())).rejects.toThrow(/damaged|hash mismatch/);
  });

  it('a truncated pack fails structural verify', async () => {
    const { repo, base } = await setup();
    await runBackup(base, jobCtx());
    const pack = packFiles(repo)[0]!;
    truncateSync(pack, statSync(pack).size - 10);
    const v = await verify(repo, { deep: false });
    expect(v.problems.some((p) => p.kind === 'damaged-pack')).toBe(true);
    expect(v.affected.length).toBe(1);
  });

  it('a truncated index is reported, and rebuild-index from the packs repairs it', async () => {
    const { repo, base, src } = await setup();
    const m = await runBackup(base, jobCtx());
    const idx = readdirSync(join(repo, 'index')).map((n) => join(repo, 'index', n));
    for (const f of idx) truncateSync(f, Math.floor(statSync(f).size / 2));
    const v = await verify(repo, { deep: false });
    expect(v.problems.some((p) => p.kind === 'damaged-index')).toBe(true);
    const r = await rebuildIndex(repo);
    expect(r.packs).toBeGreaterThan(0);
    expect((await verify(repo, { deep: true })).problems).toEqual([]);
    const dst = join(tmp(), 'out');
    await runRestore({ repo, snapshotId: m.id, target: dst, include: [], force: false, conflict: 'fail' }, jobCtx());
    expect(describeTree(dst)).toEqual(describeTree(src));
  });

  it('a deleted manifest: the snapshot is gone from the list, restore says so, gc frees its data, verify passes', async () => {
    const { repo, base } = await setup();
    const m = await runBackup(base, jobCtx());
    rmSync(join(repo, 'snapshots', m.id));
    const repoObj = await Repository.open(repo);
    expect((await listManifests(repoObj)).manifests).toEqual([]);
    await expect(runRestore({ repo, snapshotId: m.id, target: join(tmp(), 'o'), include: [], force: false, conflict: 'fail' }, jobCtx())).rejects.toThrow(/not found/);
    const r = await gc(repo);
    expect(r.packsDeleted).toBeGreaterThan(0);
    expect(packFiles(repo)).toEqual([]);
    expect((await verify(repo, { deep: true })).ok).toBe(true);
  });
});

describe('cas browse', () => {
  it('ls pages through a directory, find lists every version, diff shows added/removed/changed', async () => {
    const { src, repo, base } = await setup();
    const a = await runBackup(base, jobCtx());
    appendFileSync(join(src, 'docs', 'f03.bin'), 'more');
    rmSync(join(src, 'docs', 'f04.bin'));
    writeFileSync(join(src, 'docs', 'zz-new.txt'), 'new');
    const b = await runBackup(base, jobCtx());
    const r = await Repository.open(repo);
    await r.loadIndex({ unindexed: false });

    const root = await listDir(r, b.id, '/');
    expect(root.entries.map((e) => e.name)).toEqual(['big.bin', 'docs']);
    const p1 = await listDir(r, b.id, 'docs', 0, 10);
    expect(p1.entries.map((e) => e.name)[0]).toBe('f00.bin');
    expect(p1.nextOffset).toBe(10);
    const all: string[] = [];
    for (let off: number | null = 0; off !== null; ) {
      const p = await listDir(r, b.id, '/docs/', off, 7);
      all.push(...p.entries.map((e) => e.name));
      off = p.nextOffset;
    }
    expect(all.length).toBe(30);
    expect(all).toContain('zz-new.txt');
    await expect(listDir(r, b.id, 'nope')).rejects.toThrow(/not in snapshot/);
    await expect(listDir(r, b.id, 'big.bin')).rejects.toThrow(/not a directory/);

    const versions = await findPath(r, '/docs/f03.bin');
    expect(versions.map((v) => v.snapshotId)).toEqual([b.id, a.id]);
    expect(versions[0]!.changed).toBe(true);
    expect(versions[0]!.entry.size).toBe(versions[1]!.entry.size + 4);
    expect((await findPath(r, 'docs/f04.bin')).map((v) => v.snapshotId)).toEqual([a.id]);

    const d = await diffSnapshots(r, a.id, b.id);
    expect(d.changes.filter((c) => c.kind === 'added').map((c) => c.path)).toEqual(['docs/zz-new.txt']);
    expect(d.changes.filter((c) => c.kind === 'removed').map((c) => c.path)).toEqual(['docs/f04.bin']);
    const changed = d.changes.filter((c) => c.kind === 'changed' && c.type === 'file');
    expect(changed.map((c) => c.path)).toEqual(['docs/f03.bin']);
    expect(changed[0]!.sizeAfter! - changed[0]!.sizeBefore!).toBe(4);
  });
});

describe('cas encrypted repository', () => {
  it('round trip through age-sealed packs; a wrong passphrase is refused and writes nothing', async () => {
    const { src } = await setup();
    const repo = join(tmp(), 'enc');
    await Repository.init(repo, { encryption: 'age', passphrase: 'correct horse', chunker: small });
    const base = { repo, passphrase: 'correct horse', source: src, workload: 'w', workloadId: 'w1', type: 'manual', tags: [], notes: '' };
    const m = await runBackup(base, jobCtx());
    const pack = packFiles(repo)[0]!;
    const head = Buffer.alloc(22);
    readSync(openSync(pack, 'r'), head, 0, 22, 0);
    expect(head.toString('latin1')).toBe('age-encryption.org/v1\n');
    const dst = join(tmp(), 'out');
    await runRestore({ repo, passphrase: 'correct horse', snapshotId: m.id, target: dst, include: [], force: false, conflict: 'fail' }, jobCtx());
    expect(describeTree(dst)).toEqual(describeTree(src));
    expect((await verify(repo, { deep: true, passphrase: 'correct horse' })).ok).toBe(true);
    const before = readdirSync(repo, { recursive: true }).sort();
    await expect(runBackup({ ...base, passphrase: 'wrong' }, jobCtx())).rejects.toThrow(/wrong passphrase/);
    expect(readdirSync(repo, { recursive: true }).sort()).toEqual(before);
  });
});
