// The disk jobs through the real path: adapter → job runner → worker thread (the real registry bundle) → catalog.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/domain.js';
import { openCatalog, type Catalog } from '../../../electron/core/catalog/index.js';
import { diskAdapter, type DiskWorkload } from '../../../electron/core/engines/disk/adapter.js';
import { JobRunner } from '../../../electron/core/jobs/runner.js';
import { diskHandlers } from '../../../electron/core/handlers/disk.js';
import type { HandlerContext } from '../../../electron/core/handlers/context.js';
import { execFileSync } from 'node:child_process';
import { makeImage, tempDir } from './helpers.js';

let dir: string;
let bundleDir: string;
let catalog: Catalog;
let runner: JobRunner;
let w: DiskWorkload;
let original: Buffer;
const env = () => ({ dataDir: join(dir, 'data') });

beforeAll(async () => {
  dir = tempDir('worker');
  // the bundle keeps node_modules external, so it must sit inside the repo to resolve them (as dist/worker.js does)
  mkdirSync('node_modules/.cache', { recursive: true });
  bundleDir = mkdtempSync(join(process.cwd(), 'node_modules/.cache/tm-disk-worker-'));
  const out = join(bundleDir, 'worker.mjs');
  await build({ entryPoints: ['electron/core/jobs/worker.ts'], bundle: true, platform: 'node', format: 'esm', outfile: out, packages: 'external', logLevel: 'warning' });
  catalog = openCatalog(join(dir, 'data'));
  runner = new JobRunner({ catalog, workerUrl: pathToFileURL(out), concurrency: 2, emit: () => {} });
  const image = join(dir, 'vm.img');
  original = makeImage(image, 'RZHRH', 5000);
  const config = await diskAdapter.prepareConfig({ image }, 'vm', env());
  w = catalog.workloads.add({ name: 'vm', engine: 'disk', config, policy: {}, schedule: null }) as DiskWorkload;
});
afterAll(async () => {
  await runner?.close();
  catalog?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
});

async function run(req: Promise<{ kind: string; input: unknown; lockKeys: string[]; title: string }>): Promise<Job> {
  const job = runner.submit({ ...(await req), workloadId: w.id });
  return runner.wait(job.id);
}

describe('disk jobs in a worker thread', () => {
  it('prepareConfig puts the store under <dataDir>/repos/<name>; a missing image is refused', async () => {
    expect(w.config.repo).toBe(join(dir, 'data', 'repos', 'vm'));
    await expect(diskAdapter.prepareConfig({ image: join(dir, 'nope') }, 'x', env())).rejects.toThrow(/does not exist/);
  });

  it('backup → catalog → restore → verify → forget → refresh', async () => {
    const b = await run(diskAdapter.backup(w, { type: 'manual', tags: ['first'], notes: 'hi', confirm: false }, env()));
    expect(b.state, JSON.stringify(b.error)).toBe('succeeded');
    const [snap] = catalog.snapshots.list(w.id);
    expect(snap).toMatchObject({ engine: 'disk', tags: ['first'], notes: 'hi', totalBytes: original.length, complete: true });
    expect(snap!.meta).toMatchObject({ filesystem: 'unknown', sizeBytes: original.length });

    const target = join(dir, 'out.img');
    const r = await run(diskAdapter.restore(w, snap!, { target, force: false, include: [], conflict: 'fail' }, env()));
    expect(r.state, JSON.stringify(r.error)).toBe('succeeded');
    expect(readFileSync(target).equals(original)).toBe(true);
    await expect(diskAdapter.restore(w, snap!, { target, force: false, include: [], conflict: 'fail' }, env())).rejects.toThrow(/exists: pass --force/);

    const v = await run(diskAdapter.verify(w, { deep: true }, env()));
    expect(v.state).toBe('succeeded');
    expect(v.result).toMatchObject({ checked: 1, deep: true });

    // damage the stored image: deep verify fails and names it; shallow verify (header only) still passes
    const file = join(w.config.repo!, `${snap!.id}.mirn`);
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
    writeFileSync(file, bytes);
    const bad = await run(diskAdapter.verify(w, { deep: true }, env()));
    expect(bad.state).toBe('failed');
    expect(bad.error).toMatchObject({ code: 'corrupt', message: expect.stringContaining(snap!.id) });
    expect((await run(diskAdapter.verify(w, { deep: false }, env()))).state).toBe('succeeded');

    const f = await run(diskAdapter.forget(w, [snap!], env()));
    expect(f.state).toBe('succeeded');
    expect(catalog.snapshots.list(w.id)).toEqual([]);
    expect(readdirSync(w.config.repo!)).toEqual([]);

    const b2 = await run(diskAdapter.backup(w, { type: 'daily', tags: [], notes: '', confirm: false }, env()));
    expect(b2.state).toBe('succeeded');
    // leftovers of a crashed job and a damaged image are not listed; the damaged one is reported
    writeFileSync(join(w.config.repo!, '.20260101T000000.000Z-abcdef.mirn.tidemark-0000.tmp'), 'partial');
    writeFileSync(join(w.config.repo!, '20260101T000000.000Z-abcdef.mirn'), 'MIRN garbage');
    const ref = await run(diskAdapter.refresh(w, env()));
    expect(ref.state).toBe('succeeded');
    expect(catalog.snapshots.list(w.id).map((s) => s.type)).toEqual(['daily']);
    expect(ref.result).toMatchObject({ count: 1, summary: expect.stringMatching(/1 unreadable file/) });
  });

  it('importDiskImage: checks the workload and the header before a job starts, then adopts the image', async () => {
    const ctx = { catalog, jobs: runner, dataDir: join(dir, 'data'), allowPath: (p: string) => p } as unknown as HandlerContext;
    const h = diskHandlers(ctx);
    const src = join(dir, 'miren-src.img');
    const data = makeImage(src, 'RH');
    const file = join(dir, 'from-miren.mirn');
    execFileSync('python3', [join(import.meta.dirname, 'miren.py'), 'write', file, src, 'other', 'ext4', '2026-03-01T00:00:00Z']);
    await expect(h.importDiskImage({ name: 'vm', file: src })).rejects.toMatchObject({ code: 'corrupt', message: expect.stringMatching(/not a miren image/) });
    await expect(h.importDiskImage({ name: 'nobody', file })).rejects.toThrow();
    const job = await runner.wait((await h.importDiskImage({ name: 'vm', file })).id);
    expect(job.state, JSON.stringify(job.error)).toBe('succeeded');
    const imported = catalog.snapshots.list(w.id).find((s) => s.type === 'import');
    expect(imported).toMatchObject({ totalBytes: data.length, createdAt: '2026-03-01T00:00:00.000Z' });
    expect(imported!.meta).toMatchObject({ name: 'other', filesystem: 'ext4' });
  });
});
