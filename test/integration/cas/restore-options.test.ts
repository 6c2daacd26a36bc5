import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBackup } from '../../../electron/core/engines/cas/backup/run.js';
import { verify } from '../../../electron/core/engines/cas/maint/verify.js';
import { Repository } from '../../../electron/core/engines/cas/repo/repository.js';
import { runRestore } from '../../../electron/core/engines/cas/restore/run.js';
import { listManifests } from '../../../electron/core/engines/cas/tree/manifest.js';
import { jobCtx, tmp, cleanupTmp } from './helpers.js';

afterAll(cleanupTmp);

async function setup() {
  const src = tmp();
  mkdirSync(join(src, 'docs/deep'), { recursive: true });
  mkdirSync(join(src, 'other'));
  writeFileSync(join(src, 'docs/a.txt'), 'A from backup');
  writeFileSync(join(src, 'docs/deep/b.txt'), 'B from backup');
  writeFileSync(join(src, 'other/c.txt'), 'C from backup');
  writeFileSync(join(src, 'top.txt'), 'top');
  const repo = join(tmp(), 'repo');
  await Repository.init(repo, { chunker: { minSize: 4096, avgSize: 16384, maxSize: 65536 } });
  const m = await runBackup({ repo, source: src, workload: 'w', workloadId: 'w1', type: 'manual', tags: [], notes: '' }, jobCtx());
  return { src, repo, id: m.id };
}

const opts = (repo: string, snapshotId: string, target: string, o: Partial<{ include: string[]; force: boolean; conflict: 'fail' | 'skip' | 'overwrite' | 'keep-both' }> = {}) => ({ repo, snapshotId, target, include: [], force: false, conflict: 'fail' as const, ...o });

describe('cas restore options', () => {
  it('--include restores only the chosen paths (with their parent directories)', async () => {
    const { repo, id } = await setup();
    const dst = join(tmp(), 'out');
    const r = await runRestore(opts(repo, id, dst, { include: ['/docs/deep', 'top.txt'] }), jobCtx());
    expect(r.files).toBe(2);
    expect(readdirSync(dst).sort()).toEqual(['docs', 'top.txt']);
    expect(readdirSync(join(dst, 'docs'))).toEqual(['deep']);
    expect(readFileSync(join(dst, 'docs/deep/b.txt'), 'utf8')).toBe('B from backup');
    await expect(runRestore(opts(repo, id, join(tmp(), 'o2'), { include: ['nope'] }), jobCtx())).rejects.toThrow(/none of the included paths/);
    await expect(runRestore(opts(repo, id, join(tmp(), 'o3'), { include: ['../etc'] }), jobCtx())).rejects.toThrow(/cannot contain/);
  });

  it('an existing non-empty target needs --force or a conflict policy', async () => {
    const { repo, id } = await setup();
    const dst = tmp();
    mkdirSync(join(dst, 'docs'));
    writeFileSync(join(dst, 'docs/a.txt'), 'local edit');
    writeFileSync(join(dst, 'mine.txt'), 'not in the snapshot');
    await expect(runRestore(opts(repo, id, dst), jobCtx())).rejects.toThrow(/exists and is not empty: use --force, or a conflict policy/);
    expect(readFileSync(join(dst, 'docs/a.txt'), 'utf8')).toBe('local edit');

    const skip = await runRestore(opts(repo, id, dst, { conflict: 'skip' }), jobCtx());
    expect(skip.skipped).toBe(1);
    expect(readFileSync(join(dst, 'docs/a.txt'), 'utf8')).toBe('local edit');
    expect(readFileSync(join(dst, 'other/c.txt'), 'utf8')).toBe('C from backup');

    const both = await runRestore(opts(repo, id, dst, { conflict: 'keep-both' }), jobCtx());
    expect(readFileSync(join(dst, 'docs/a.txt'), 'utf8')).toBe('local edit');
    expect(readFileSync(join(dst, `docs/a.txt.restored-${id.slice(0, 8)}`), 'utf8')).toBe('A from backup');
    expect(both.files).toBeGreaterThan(0);

    await runRestore(opts(repo, id, dst, { force: true }), jobCtx());
    expect(readFileSync(join(dst, 'docs/a.txt'), 'utf8')).toBe('A from backup');
    expect(readFileSync(join(dst, 'mine.txt'), 'utf8')).toBe('not in the snapshot'); // never deletes what the snapshot lacks
  });

  it('a restore target that is a file is refused', async () => {
    const { repo, id } = await setup();
    const f = join(tmp(), 'file');
    writeFileSync(f, 'x');
    await expect(runRestore(opts(repo, id, f, { force: true }), jobCtx())).rejects.toThrow(/exists and is not a directory/);
  });
});

describe('cas restore cancel', () => {
  it('cancel mid-file: a "cancelled" error and no half-written file', async () => {
    const src = tmp();
    writeFileSync(join(src, 'big.bin'), randomBytes(2 << 20));
    const repo = join(tmp(), 'repo');
    await Repository.init(repo, { chunker: { minSize: 4096, avgSize: 16384, maxSize: 65536 } });
    const m = await runBackup({ repo, source: src, workload: 'w', workloadId: 'w1', type: 'manual', tags: [], notes: '' }, jobCtx());
    const ctx = jobCtx();
    ctx.progress = (u) => {
      if (u.bytesDone > 100_000) ctx.controller.abort();
    };
    const dst = join(tmp(), 'out');
    await expect(runRestore(opts(repo, m.id, dst), ctx)).rejects.toThrow(/cancelled/);
    expect(existsSync(join(dst, 'big.bin'))).toBe(false);
  });
});

describe('cas backup cancel', () => {
  it('cancel mid-backup: a "cancelled" error, no snapshot, the repository verifies, the next backup completes', async () => {
    const src = tmp();
    for (let i = 0; i < 40; i++) writeFileSync(join(src, `f${i}.bin`), randomBytes(256 * 1024));
    const repo = join(tmp(), 'repo');
    await Repository.init(repo, { chunker: { minSize: 4096, avgSize: 16384, maxSize: 65536 }, packSize: 256 * 1024 });
    const base = { repo, source: src, workload: 'w', workloadId: 'w1', type: 'manual', tags: [], notes: '' };
    const ctx = jobCtx();
    const progress = ctx.progress;
    ctx.progress = (u) => {
      progress(u);
      if (u.bytesDone > 3 << 20) ctx.controller.abort();
    };
    await expect(runBackup(base, ctx)).rejects.toThrow(/cancelled/);
    const r = await Repository.open(repo);
    expect((await listManifests(r)).manifests).toEqual([]);
    expect(readdirSync(join(repo, 'locks'))).toEqual([]);
    expect((await verify(repo, { deep: true })).problems).toEqual([]);
    const m = await runBackup(base, jobCtx());
    expect(m.dedupChunks).toBeGreaterThan(0); // what the cancelled run stored is reused
    expect(existsSync(join(repo, 'snapshots', m.id))).toBe(true);
  });
});
