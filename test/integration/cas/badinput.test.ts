import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync, appendFileSync, truncateSync, lstatSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { casAdapter } from '../../../electron/core/engines/cas/adapter.js';
import { runBackup } from '../../../electron/core/engines/cas/backup/run.js';
import { listDir } from '../../../electron/core/engines/cas/browse/ls.js';
import { BLOB_DATA } from '../../../electron/core/engines/cas/pack/format.js';
import { BlobWriter } from '../../../electron/core/engines/cas/repo/blob-writer.js';
import { Repository } from '../../../electron/core/engines/cas/repo/repository.js';
import { runRestore } from '../../../electron/core/engines/cas/restore/run.js';
import type { TreeEntry } from '../../../electron/core/engines/cas/tree/entry.js';
import { newSnapshotId, writeManifest, type Manifest } from '../../../electron/core/engines/cas/tree/manifest.js';
import { writePages } from '../../../electron/core/engines/cas/tree/pages.js';
import { jobCtx, tmp, cleanupTmp } from './helpers.js';

afterAll(cleanupTmp);

const isRoot = process.getuid?.() === 0;
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts.reverse()) spawnSync('umount', ['-l', m]);
});

const base = (repo: string, source: string) => ({ repo, source, workload: 'w', workloadId: 'w1', type: 'manual', tags: [], notes: '' });
const restoreIn = (repo: string, snapshotId: string, target: string) => ({ repo, snapshotId, target, include: [], force: false, conflict: 'fail' as const });

async function newRepo(): Promise<string> {
  const repo = join(tmp(), 'repo');
  await Repository.init(repo, { chunker: { minSize: 4096, avgSize: 16384, maxSize: 65536 } });
  return repo;
}

describe('cas bad input', () => {
  it('source missing, or not a directory: a one-line error, nothing written', async () => {
    const repo = await newRepo();
    await expect(runBackup(base(repo, '/nonexistent/src'), jobCtx())).rejects.toThrow(/^source \/nonexistent\/src does not exist$/);
    const file = join(tmp(), 'f');
    writeFileSync(file, 'x');
    await expect(runBackup(base(repo, file), jobCtx())).rejects.toThrow(/is not a directory/);
    await expect(casAdapter.prepareConfig({ source: '/nonexistent/src' }, 'x', { dataDir: tmp() })).rejects.toThrow(/does not exist/);
    expect(readdirSync(join(repo, 'data'))).toEqual([]);
    expect(readdirSync(join(repo, 'locks'))).toEqual([]);
  });

  it('adapter: default repository under the data dir is created; a repository inside the source is refused', async () => {
    const src = tmp();
    const dataDir = tmp();
    const cfg = await casAdapter.prepareConfig({ source: src }, 'docs', { dataDir });
    expect(cfg.repo).toBe(join(dataDir, 'repos', 'docs'));
    expect(existsSync(join(dataDir, 'repos', 'docs', 'config'))).toBe(true);
    await expect(casAdapter.prepareConfig({ source: src, repo: join(src, 'repo') }, 'docs', { dataDir })).rejects.toThrow(/inside the source/);
  });

  it('unreadable files and directories (backup run as nobody): warnings with paths, the rest is backed up', async () => {
    expect(isRoot, 'this test needs root to run the backup as nobody').toBe(true);
    const src = tmp();
    chmodSync(src, 0o755);
    writeFileSync(join(src, 'ok.txt'), 'readable');
    writeFileSync(join(src, 'secret.txt'), 'unreadable');
    chmodSync(join(src, 'secret.txt'), 0o000);
    mkdirSync(join(src, 'closed'));
    writeFileSync(join(src, 'closed', 'inside.txt'), 'x');
    chmodSync(join(src, 'closed'), 0o000);
    const repo = await newRepo();
    chmodSync(join(repo, '..'), 0o755);
    execFileSync('chown', ['-R', 'nobody:nogroup', repo]);
    const child = new URL('./fixtures/backup-json.ts', import.meta.url).pathname;
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', child, repo, src], { encoding: 'utf8', env: { ...process.env, HOME: '/tmp' } });
    const out = JSON.parse(r.stdout) as { fileCount: number; warnings: { path: string; message: string }[]; error?: string };
    expect(out.error).toBeUndefined();
    expect(out.fileCount).toBe(1);
    expect(out.warnings.map((w) => w.path).sort()).toEqual(['closed', 'secret.txt']);
    expect(out.warnings.find((w) => w.path === 'secret.txt')!.message).toMatch(/cannot open: EACCES/);
    expect(out.warnings.find((w) => w.path === 'closed')!.message).toMatch(/cannot read directory: EACCES/);
  });

  it('FIFOs, sockets and device nodes are recorded, not read; symlink loops are recorded, not followed', async () => {
    const src = tmp();
    execFileSync('mkfifo', [join(src, 'fifo')]);
    const server = createServer();
    await new Promise<void>((r) => server.listen(join(src, 'sock'), r));
    if (isRoot) execFileSync('mknod', [join(src, 'null-dev'), 'c', '1', '3']);
    mkdirSync(join(src, 'a'));
    symlinkSync('..', join(src, 'a', 'up'));
    symlinkSync('loop2', join(src, 'loop1'));
    symlinkSync('loop1', join(src, 'loop2'));
    const repo = await newRepo();
    const m = await runBackup(base(repo, src), jobCtx());
    server.close();
    const r = await Repository.open(repo);
    await r.loadIndex();
    const types = Object.fromEntries((await listDir(r, m.id, '/')).entries.map((e) => [e.name, e.type]));
    expect(types).toMatchObject({ fifo: 'fifo', sock: 'socket', a: 'dir', loop1: 'symlink', loop2: 'symlink', ...(isRoot ? { 'null-dev': 'char' } : {}) });
    const dst = join(tmp(), 'out');
    const res = await runRestore(restoreIn(repo, m.id, dst), jobCtx());
    expect(lstatSync(join(dst, 'fifo')).isFIFO()).toBe(true);
    if (isRoot) expect(lstatSync(join(dst, 'null-dev')).rdev).toBe(lstatSync('/dev/null').rdev);
    expect(res.warnings.map((w) => w.path)).toEqual(['sock']);
  });

  it('files growing and shrinking while read: saved as read, with a warning naming them', async () => {
    const src = tmp();
    writeFileSync(join(src, 'grow.bin'), randomBytes(300_000));
    writeFileSync(join(src, 'shrink.bin'), randomBytes(300_000));
    writeFileSync(join(src, 'calm.bin'), randomBytes(300_000));
    const repo = await newRepo();
    const ctx = jobCtx();
    const touched = new Set<string>();
    ctx.progress = (u) => {
      // called from inside the read loop: change the file the backup is reading right now
      if (u.currentItem === 'grow.bin' && !touched.has('grow')) (touched.add('grow'), appendFileSync(join(src, 'grow.bin'), randomBytes(50_000)));
      if (u.currentItem === 'shrink.bin' && !touched.has('shrink')) (touched.add('shrink'), truncateSync(join(src, 'shrink.bin'), 100_000));
    };
    // read on the backup thread, where the progress callback runs between two reads of the file
    const m = await runBackup({ ...base(repo, src), helperChunkingFrom: Infinity }, ctx);
    expect(m.warnings.map((w) => w.path).sort()).toEqual(['grow.bin', 'shrink.bin']);
    expect(m.warnings[0]!.message).toMatch(/changed while being read/);
    expect(m.fileCount).toBe(3);
    // the next backup re-reads them (never trusted by the files cache)
    const m2 = await runBackup(base(repo, src), jobCtx());
    expect(m2.warnings).toEqual([]);
    const dst = join(tmp(), 'out');
    await runRestore(restoreIn(repo, m2.id, dst), jobCtx());
    expect(lstatSync(join(dst, 'grow.bin')).size).toBe(350_000);
    expect(lstatSync(join(dst, 'shrink.bin')).size).toBe(100_000);
  });

  it('restore target disk full: a clear error naming the target', async () => {
    expect(isRoot, 'this test needs root to mount a small tmpfs').toBe(true);
    const src = tmp();
    writeFileSync(join(src, 'big.bin'), randomBytes(3 << 20));
    const repo = await newRepo();
    const m = await runBackup(base(repo, src), jobCtx());
    const mnt = tmp();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mnt]);
    mounts.push(mnt);
    await expect(runRestore(restoreIn(repo, m.id, join(mnt, 'out')), jobCtx())).rejects.toThrow(new RegExp(`restore target ${mnt}/out is full \\(while writing big.bin`));
    expect(existsSync(join(mnt, 'out', 'big.bin'))).toBe(false); // no half file left behind
  });

  it('repository on a read-only disk: backup refused clearly, nothing changes; restore still works', async () => {
    expect(isRoot, 'this test needs root for a read-only bind mount').toBe(true);
    const src = tmp();
    writeFileSync(join(src, 'a.txt'), 'hello');
    const repo = await newRepo();
    const m = await runBackup(base(repo, src), jobCtx());
    execFileSync('mount', ['--bind', repo, repo]);
    mounts.push(repo);
    execFileSync('mount', ['-o', 'remount,ro,bind', repo]);
    const before = readdirSync(repo, { recursive: true }).sort();
    writeFileSync(join(src, 'b.txt'), 'more');
    await expect(runBackup(base(repo, src), jobCtx())).rejects.toThrow(/is read-only \(EROFS\): cannot backup/);
    expect(readdirSync(repo, { recursive: true }).sort()).toEqual(before);
    const dst = join(tmp(), 'out');
    const ctx = jobCtx();
    await runRestore(restoreIn(repo, m.id, dst), ctx);
    expect(readdirSync(dst)).toEqual(['a.txt']);
    expect(ctx.logs.join()).toMatch(/read-only: restore runs without a lock/);
  });

  it('a manifest whose paths escape the target is refused before anything is written', async () => {
    const repo = await newRepo();
    const r = await Repository.open(repo);
    await r.loadIndex();
    const outside = tmp();
    const target = join(tmp(), 'target');
    const w = new BlobWriter(r);
    const data = Buffer.from('pwned');
    const id = r.sealer.blobId(data);
    await w.addStored(id, BLOB_DATA, 0, data, data.length);
    const entry = (p: string | Buffer, type: TreeEntry['type'], extra: Partial<TreeEntry> = {}): TreeEntry => ({ path: Buffer.isBuffer(p) ? p : Buffer.from(p), type, mode: 0o644, uid: 0, gid: 0, mtimeNs: 0n, ctimeNs: 0n, ino: 0n, dev: 0n, size: 0, ...extra });
    const file = { size: 5, chunks: [id] };
    const forge = async (entries: TreeEntry[]) => {
      const pages = await writePages(entries, w);
      await w.finish();
      const m: Manifest = { version: 1, id: newSnapshotId(), workload: 'w', workloadId: 'w1', type: 'manual', tags: [], notes: '', createdAt: new Date().toISOString(), hostname: 'h', sourcePath: '/x', parent: null, fileCount: 1, dirCount: 0, totalBytes: 5, storedBytes: 5, newChunks: 1, dedupChunks: 0, durationMs: 0, warningCount: 0, warnings: [], root: { mode: 0o755, uid: 0, gid: 0, mtimeNs: '0' }, tree: { entries: entries.length, pages } };
      await writeManifest(r, m);
      return m.id;
    };
    for (const evil of [`../${outside.split('/').pop()}/pwned`, `${outside}/pwned`, 'a/../../pwned', 'a//b']) {
      const sid = await forge([entry('ok.txt', 'file', file), entry(evil, 'file', file)]);
      await expect(runRestore(restoreIn(repo, sid, target), jobCtx())).rejects.toThrow(/would escape the restore target .*refused/);
      expect(existsSync(target)).toBe(false);
    }
    expect(readdirSync(outside)).toEqual([]);
    // a symlink created earlier in the same restore must not be followed
    const sid = await forge([entry('link', 'symlink', { target: Buffer.from(outside) }), entry('link/pwned', 'file', file)]);
    const res = await runRestore(restoreIn(repo, sid, target), jobCtx());
    expect(res.warnings.map((x) => x.path)).toEqual(['link/pwned']);
    expect(res.warnings[0]!.message).toMatch(/is not a directory/);
    expect(readdirSync(outside)).toEqual([]);
    rmSync(target, { recursive: true });
  });
});
