import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../shared/domain.js';
import { casAdapter, type CasWorkload } from '../../../electron/core/engines/cas/adapter.js';
import { jobHandlers } from '../../../electron/core/jobs/registry.js';
import type { CatalogChanges, SnapshotRecord } from '../../../electron/core/jobs/types.js';
import { jobCtx, tmp, cleanupTmp } from './helpers.js';

afterAll(cleanupTmp);

const workload = (config: CasWorkload['config']): CasWorkload => ({ id: 'wid-1', name: 'docs', engine: 'cas', config, policy: { keepLast: 3 }, schedule: null, createdAt: '', updatedAt: '' }) as CasWorkload;
const run = (req: { kind: string; input: unknown }) => jobHandlers[req.kind]!(req.input as never, jobCtx()) as Promise<{ catalog: CatalogChanges; summary: string }>;

afterEach(() => {
  delete process.env.TIDEMARK_PASSWORD;
});

describe('cas adapter', () => {
  it('backup → refresh → restore → verify → forget as JobRequests through the registered job handlers', async () => {
    const src = tmp();
    writeFileSync(join(src, 'a.txt'), 'hello');
    const env = { dataDir: tmp() };
    const config = await casAdapter.prepareConfig({ source: src, excludes: ['*.tmp'] }, 'docs', env);
    const w = workload(config);
    expect(casAdapter.lockKeys(w)).toEqual([config.repo]);

    const req = await casAdapter.backup(w, { type: 'scheduled', tags: ['nightly'], notes: 'n', confirm: false }, env);
    expect(req).toMatchObject({ kind: 'cas.backup', lockKeys: [config.repo], input: { excludes: ['*.tmp'], source: src } });
    const res = await run(req);
    const rec = res.catalog.upsertSnapshots![0]!;
    expect(rec).toMatchObject({ engine: 'cas', workloadId: 'wid-1', type: 'scheduled', tags: ['nightly'], notes: 'n', complete: true, fileCount: 1, totalBytes: 5 });
    expect(rec.meta).toMatchObject({ sourcePath: src, repo: config.repo });

    const refreshed = await run(await casAdapter.refresh(w, env));
    expect(refreshed.catalog.replaceAllFor).toEqual({ workloadId: 'wid-1' });
    expect(refreshed.catalog.upsertSnapshots!.map((s: SnapshotRecord) => s.id)).toEqual([rec.id]);

    const snap = { ...rec, workload: 'docs', pinned: false } as Snapshot;
    const target = join(tmp(), 'restored');
    const restored = await run(await casAdapter.restore(w, snap, { target, force: false, include: [], conflict: 'fail' }, env));
    expect(restored.summary).toMatch(/restored 1 files/);
    expect((await run(await casAdapter.verify(w, { deep: true }, env))).summary).toMatch(/repository ok/);
    const forgot = await run(await casAdapter.forget(w, [snap], env));
    expect(forgot.catalog.removeSnapshots).toEqual([rec.id]);
  });

  it('encrypted workloads need TIDEMARK_PASSWORD; a wrong one is refused at once', async () => {
    const src = tmp();
    const env = { dataDir: tmp() };
    await expect(casAdapter.prepareConfig({ source: src, encrypted: true }, 'sec', env)).rejects.toThrow(/set TIDEMARK_PASSWORD/);
    process.env.TIDEMARK_PASSWORD = 'right';
    const config = await casAdapter.prepareConfig({ source: src, encrypted: true }, 'sec', env);
    process.env.TIDEMARK_PASSWORD = 'wrong';
    await expect(casAdapter.prepareConfig({ source: src, encrypted: true, repo: config.repo! }, 'sec2', env)).rejects.toThrow(/wrong passphrase/);
    process.env.TIDEMARK_PASSWORD = 'right';
    await expect(casAdapter.prepareConfig({ source: src, repo: config.repo! }, 'sec3', env)).rejects.toThrow(/is encrypted, the workload says otherwise/);
    // job inputs are stored in the catalog: the passphrase must never be in one
    const w = workload(config);
    const req = await casAdapter.backup(w, { type: 'manual', tags: [], notes: '', confirm: false }, env);
    expect(JSON.stringify(req)).not.toContain('right');
    const res = await run(req); // the worker side finds it in the environment
    expect(res.catalog.upsertSnapshots).toHaveLength(1);
    delete process.env.TIDEMARK_PASSWORD;
    await expect(casAdapter.backup(w, { type: 'manual', tags: [], notes: '', confirm: false }, env)).rejects.toThrow(/set TIDEMARK_PASSWORD/);
  });

  it('a repository directory that holds something else is refused', async () => {
    const src = tmp();
    const notRepo = tmp();
    writeFileSync(join(notRepo, 'x'), 'unrelated');
    await expect(casAdapter.prepareConfig({ source: src, repo: notRepo }, 'x', { dataDir: tmp() })).rejects.toThrow(/is not empty/);
  });
});
