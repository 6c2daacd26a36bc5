import { execFileSync } from 'node:child_process';
import { chmodSync, linkSync, lstatSync, mkdirSync, symlinkSync, truncateSync, utimesSync, writeFileSync, chownSync, openSync, writeSync, closeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBackup } from '../../../electron/core/engines/cas/backup/run.js';
import { Repository } from '../../../electron/core/engines/cas/repo/repository.js';
import { runRestore } from '../../../electron/core/engines/cas/restore/run.js';
import { describeTree, jobCtx, tmp, cleanupTmp } from './helpers.js';

afterAll(cleanupTmp);

const small = { minSize: 4096, avgSize: 16384, maxSize: 65536 };

export function awkwardTree(dir: string): void {
  mkdirSync(join(dir, 'sub/deeper'), { recursive: true });
  writeFileSync(join(dir, 'empty'), '');
  writeFileSync(join(dir, 'hello.txt'), 'hello world\n');
  writeFileSync(join(dir, 'sub/random.bin'), randomBytes(300_000));
  writeFileSync(join(dir, 'sub/deeper/text.log'), 'line of text\n'.repeat(50_000));
  writeFileSync(join(dir, 'sub/dup.bin'), randomBytes(100_000));
  chmodSync(join(dir, 'hello.txt'), 0o640);
  chmodSync(join(dir, 'sub/deeper'), 0o750);
  chmodSync(join(dir, 'empty'), 0o4755);
  symlinkSync('hello.txt', join(dir, 'link-to-hello'));
  symlinkSync('/nonexistent/target', join(dir, 'dangling'));
  symlinkSync('.', join(dir, 'loop')); // a symlink loop: recorded, never followed
  linkSync(join(dir, 'hello.txt'), join(dir, 'sub/hardlink'));
  // sparse: 4 MiB hole, some data, trailing hole
  const fd = openSync(join(dir, 'sparse.img'), 'w');
  writeSync(fd, Buffer.from('data in the middle'), 0, 18, 4 << 20);
  closeSync(fd);
  truncateSync(join(dir, 'sparse.img'), 10 << 20);
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  // names that are not valid UTF-8
  writeFileSync(Buffer.from(join(dir, 'bad-\xff\xfe-name'), 'latin1'), 'latin1 name');
  writeFileSync(join(dir, 'ünïcødé ✓.txt'), 'unicode name');
  chownSync(join(dir, 'hello.txt'), 1234, 5678);
  utimesSync(join(dir, 'sub/random.bin'), 1_600_000_000.123, 1_600_000_000.456);
}

describe('cas backup → restore round trip', () => {
  it('restores an awkward tree byte-identically (contents and metadata), twice (files cache)', async () => {
    const src = tmp();
    awkwardTree(src);
    const repoDir = join(tmp(), 'repo');
    await Repository.init(repoDir, { chunker: small });
    const base = { repo: repoDir, source: src, workload: 'docs', workloadId: 'w1', type: 'manual', tags: ['t1'], notes: 'n' };
    const ctx = jobCtx();
    const m1 = await runBackup(base, ctx);
    expect(m1.fileCount).toBeGreaterThanOrEqual(8);
    expect(m1.warningCount).toBe(0);
    expect(m1.newChunks).toBeGreaterThan(10);
    expect(ctx.updates.some((u) => u.phase === 'backup' && u.bytesTotal !== undefined)).toBe(true);

    const m2 = await runBackup(base, jobCtx());
    expect(m2.newChunks).toBe(0);
    expect(m2.parent).toBe(m1.id);

    for (const m of [m1, m2]) {
      const dst = join(tmp(), 'out');
      const r = await runRestore({ repo: repoDir, snapshotId: m.id, target: dst, include: [], force: false, conflict: 'fail' }, jobCtx());
      expect(r.warnings.filter((w) => !/socket/.test(w.message))).toEqual([]);
      expect(describeTree(dst)).toEqual(describeTree(src));
      // holes stay holes
      expect(lstatSync(join(dst, "sparse.img")).blocks).toBeLessThan(1024); // 10 MiB apparent, one 64 KiB chunk of data
    }
  });
});
