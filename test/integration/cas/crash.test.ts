import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBackup } from '../../../electron/core/engines/cas/backup/run.js';
import { verify } from '../../../electron/core/engines/cas/maint/verify.js';
import { RepoLock } from '../../../electron/core/engines/cas/repo/lock.js';
import { Repository } from '../../../electron/core/engines/cas/repo/repository.js';
import { runRestore } from '../../../electron/core/engines/cas/restore/run.js';
import { listManifests } from '../../../electron/core/engines/cas/tree/manifest.js';
import { describeTree, jobCtx, tmp, cleanupTmp } from './helpers.js';

afterAll(cleanupTmp);

const CHILD = new URL('./fixtures/backup-child.ts', import.meta.url).pathname;

describe('cas crash safety and locks', () => {
  it('kill -9 mid-backup: verify passes, no partial snapshot is listed, the stale lock is broken, the next backup reuses the written packs', async () => {
    const src = tmp();
    for (let d = 0; d < 4; d++) {
      mkdirSync(join(src, `d${d}`));
      for (let i = 0; i < 12; i++) writeFileSync(join(src, `d${d}`, `f${i}.bin`), randomBytes(1 << 20));
    }
    const repo = join(tmp(), 'repo');
    await Repository.init(repo, { chunker: { minSize: 16384, avgSize: 65536, maxSize: 262144 }, packSize: 1 << 20 });

    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, repo, src], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const packs = readdirSync(join(repo, 'data'), { recursive: true }).filter((n) => String(n).length > 10).length;
        if (packs >= 3) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    expect(out).not.toMatch(/^done/m); // killed before it committed
    expect(readdirSync(join(repo, 'locks')).length).toBe(1); // the dead process's lock is still there

    const r = await Repository.open(repo);
    expect((await listManifests(r)).manifests).toEqual([]);
    const verifyLog: string[] = [];
    const v = await verify(repo, { deep: true, log: (m) => verifyLog.push(m) });
    expect(verifyLog.join('\n')).toMatch(/breaking stale lock of backup .*is gone/);
    expect(readdirSync(join(repo, 'locks'))).toEqual([]);
    expect(v.problems).toEqual([]);
    expect(v.unindexedPacks).toBeGreaterThanOrEqual(2);

    const ctx = jobCtx();
    const m = await runBackup({ repo, source: src, workload: 'w', workloadId: 'w1', type: 'manual', tags: [], notes: '' }, ctx);
    expect(ctx.logs.join('\n')).toMatch(/reusing \d+ pack/);
    expect(m.dedupChunks).toBeGreaterThan(0);
    expect(m.storedBytes).toBeLessThan(48 << 20);
    expect((await verify(repo, { deep: true })).problems).toEqual([]);
    const dst = join(tmp(), 'out');
    await runRestore({ repo, snapshotId: m.id, target: dst, include: [], force: false, conflict: 'fail' }, jobCtx());
    expect(describeTree(dst)).toEqual(describeTree(src));
  }, 120_000);

  it('a live lock is not broken: a second writer gets a clear "locked" error', async () => {
    const repo = join(tmp(), 'repo');
    const r = await Repository.init(repo);
    const lock = await RepoLock.acquire(r.storage, 'gc', true);
    try {
      await expect(RepoLock.acquire(r.storage, 'backup', true, { waitMs: 300 })).rejects.toThrow(/is locked \(gc by pid \d+ on .* since/);
      // shared locks also wait for an exclusive one
      await expect(RepoLock.acquire(r.storage, 'restore', false, { waitMs: 300 })).rejects.toThrow(/is locked/);
    } finally {
      await lock.release();
    }
    const a = await RepoLock.acquire(r.storage, 'restore', false);
    const b = await RepoLock.acquire(r.storage, 'verify', false, { waitMs: 300 });
    await a.release();
    await b.release();
  });

  it('a lock whose heartbeat is old is broken even when its host is another machine', async () => {
    const repo = join(tmp(), 'repo');
    const r = await Repository.init(repo);
    const old = new Date(Date.now() - 3600_000).toISOString();
    writeFileSync(join(repo, 'locks', 'other'), JSON.stringify({ host: 'elsewhere', pid: 1, operation: 'backup', exclusive: true, createdAt: old, heartbeat: old }));
    const logs: string[] = [];
    const l = await RepoLock.acquire(r.storage, 'gc', true, { log: (m) => logs.push(m), waitMs: 300 });
    expect(logs.join()).toMatch(/breaking stale lock of backup \(pid 1 on elsewhere\): its heartbeat is \d+ s old/);
    await l.release();
  });
});
