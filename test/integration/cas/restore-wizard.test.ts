// The restore wizards' backend through the real services (path policy of a renderer transport, real
// job workers from dist/worker.js): searchTree, findFiles, diffFile and startRestoreFile.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CasFileDiff, CasFoundPath, CasTreeSearch } from '../../../shared/contract/cas.js';
import type { Job, Snapshot } from '../../../shared/domain.js';
import type { Result } from '../../../shared/result.js';
import { openServices, type Services } from '../../../electron/core/services.js';
import { cleanupTmp, tmp } from './helpers.js';

let svc: Services;
let src: string;
let older: Snapshot;
let newer: Snapshot;
const bin = randomBytes(300_000);

async function call<T>(name: string, input: unknown): Promise<T> {
  const r = (await svc.call(name, input)) as Result<T>;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
const fails = async (name: string, input: unknown) => {
  const r = await svc.call(name, input);
  if (r.ok) throw new Error(`${name} should have failed`);
  return r.error;
};

/** Runs a job to its end through the runner's own events. */
async function finished(job: Job): Promise<Job> {
  return new Promise((resolve) => {
    const check = (j: Job) => j.id === job.id && ['succeeded', 'failed', 'cancelled'].includes(j.state) && (off(), resolve(j));
    const off = svc.onEvent((e, p) => e === 'jobUpdated' && check(p as Job));
    void call<Job>('getJob', { id: job.id }).then(check);
  });
}
const backup = async () => {
  const j = await finished(await call<Job>('startBackup', { name: 'docs' }));
  expect(j.state).toBe('succeeded');
};

beforeAll(async () => {
  src = tmp();
  mkdirSync(join(src, 'reports', 'old'), { recursive: true });
  writeFileSync(join(src, 'reports', 'report.txt'), 'title\nline two\nline three\nend\n');
  writeFileSync(join(src, 'reports', 'old', 'report-2025.txt'), 'old report\n');
  writeFileSync(join(src, 'photo.bin'), bin);
  for (let i = 0; i < 30; i++) writeFileSync(join(src, `note-${i}.md`), `note ${i}\n`);
  svc = await openServices({ dataDir: join(tmp(), 'data'), transport: 'web', concurrency: 1 });
  await call('addWorkload', { name: 'docs', engine: 'cas', config: { source: src } });
  await backup();
  writeFileSync(join(src, 'reports', 'report.txt'), 'title\nline 2 changed\nline three\nend\nappendix\n');
  bin[1000] = bin[1000]! ^ 0xff;
  writeFileSync(join(src, 'photo.bin'), bin);
  await backup();
  const snaps = await call<Snapshot[]>('listSnapshots', { name: 'docs' });
  [newer, older] = [snaps[0]!, snaps[1]!];
}, 120_000);

afterAll(async () => {
  await svc?.close();
  cleanupTmp();
});

describe('searchTree', () => {
  it('finds names in a folder and below it, case-insensitively', async () => {
    const all = await call<CasTreeSearch>('searchTree', { snapshotId: newer!.id, query: 'REPORT' });
    expect(all.entries.map((e) => e.path).sort()).toEqual(['reports', 'reports/old/report-2025.txt', 'reports/report.txt']);
    const below = await call<CasTreeSearch>('searchTree', { snapshotId: newer!.id, path: '/reports/old', query: 'report' });
    expect(below.entries.map((e) => e.path)).toEqual(['reports/old/report-2025.txt']);
    const capped = await call<CasTreeSearch>('searchTree', { snapshotId: newer!.id, query: 'note-', limit: 10 });
    expect(capped.entries.length).toBe(10);
    expect(capped.truncated).toBe(true);
    expect((await fails('searchTree', { snapshotId: newer!.id, path: '/nope', query: 'x' })).message).toMatch(/\/nope is not in snapshot/);
    expect((await fails('searchTree', { snapshotId: newer!.id, query: '  ' })).code).toBe('bad-input');
  });
});

describe('findFiles', () => {
  it('lists matching paths across snapshots with their version count, files first', async () => {
    const found = await call<CasFoundPath[]>('findFiles', { name: 'docs', query: 'report' });
    expect(found.map((f) => f.path)).toEqual(['reports/report.txt', 'reports/old/report-2025.txt', 'reports']);
    expect(found[0]).toMatchObject({ workload: 'docs', versions: 2, type: 'file', latest: { snapshotId: newer!.id, size: 45 } });
  });
});

describe('diffFile', () => {
  it('line-diffs two text versions', async () => {
    const d = await call<CasFileDiff>('diffFile', { a: { snapshotId: older!.id, path: 'reports/report.txt' }, b: { snapshotId: newer!.id, path: '/reports/report.txt' } });
    if (d.kind !== 'text') throw new Error('expected a text diff');
    expect(d.identical).toBe(false);
    expect([d.added, d.removed]).toEqual([2, 1]);
    const lines = d.hunks.flatMap((h) => h.lines.map((l) => `${l.op}${l.text}`));
    expect(lines).toEqual([' title', '-line two', '+line 2 changed', ' line three', ' end', '+appendix']);
    expect(d.a.sha256).not.toBe(d.b.sha256);
  });

  it('compares binaries by size and SHA-256, and a version with the file on disk', async () => {
    const d = await call<CasFileDiff>('diffFile', { a: { snapshotId: older!.id, path: 'photo.bin' }, b: { diskPath: join(src, 'photo.bin') } });
    expect(d).toMatchObject({ kind: 'binary', reason: 'binary', identical: false, a: { size: 300_000 }, b: { size: 300_000 } });
    const same = await call<CasFileDiff>('diffFile', { a: { snapshotId: newer!.id, path: 'reports/report.txt' }, b: { diskPath: join(src, 'reports', 'report.txt') } });
    expect(same).toMatchObject({ kind: 'text', identical: true, added: 0, removed: 0, hunks: [] });
  });

  it('refuses paths outside the allowed folders, and says clearly what is missing', async () => {
    const out = await fails('diffFile', { a: { snapshotId: newer!.id, path: 'reports/report.txt' }, b: { diskPath: '/etc/hostname' } });
    expect(out.code).toBe('forbidden');
    expect(out.message).toMatch(/outside the folders Tidemark may use/);
    // a symlink inside an allowed folder that leads outside is judged by where it leads
    symlinkSync('/etc/hostname', join(src, 'sneaky'));
    expect((await fails('diffFile', { a: { diskPath: join(src, 'sneaky') }, b: { diskPath: join(src, 'photo.bin') } })).code).toBe('forbidden');
    const gone = await fails('diffFile', { a: { snapshotId: newer!.id, path: 'reports/missing.txt' }, b: { snapshotId: older!.id, path: 'photo.bin' } });
    expect([gone.code, gone.message]).toEqual(['not-found', `reports/missing.txt is not in snapshot ${newer!.id}`]);
    expect((await fails('diffFile', { a: { snapshotId: newer!.id, path: 'reports' }, b: { diskPath: join(src, 'photo.bin') } })).message).toMatch(/is a dir, not a file/);
    expect((await fails('diffFile', { a: { diskPath: join(src, 'nothing-here') }, b: { diskPath: join(src, 'photo.bin') } })).message).toMatch(/does not exist/);
    expect((await fails('diffFile', { a: { snapshotId: newer!.id, path: '../etc/passwd' }, b: { diskPath: join(src, 'photo.bin') } })).code).toBe('bad-input');
    // hostile shapes never reach the handler
    expect((await fails('diffFile', { a: { snapshotId: newer!.id, path: 'photo.bin', diskPath: '/etc/passwd' }, b: { diskPath: join(src, 'photo.bin') } })).code).toBe('bad-input');
    expect((await fails('diffFile', { a: { diskPath: 'relative/path' }, b: { diskPath: join(src, 'photo.bin') } })).code).toBe('bad-input');
    expect((await fails('searchTree', { snapshotId: newer!.id, query: 'x'.repeat(10_000_000) })).code).toBe('bad-input');
    expect((await fails('findFiles', { query: 42 })).code).toBe('bad-input');
  });
});

describe('startRestoreFile', () => {
  it('restores one version next to the original under a new name, byte for byte, and never overwrites', async () => {
    const dir = join(src, 'reports');
    const job = await finished(await call<Job>('startRestoreFile', { snapshotId: older!.id, path: 'reports/report.txt', dir, fileName: 'report (old).txt' }));
    expect(job.state).toBe('succeeded');
    expect(readFileSync(join(dir, 'report (old).txt'), 'utf8')).toBe('title\nline two\nline three\nend\n');
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toMatch(/appendix/); // the original is untouched
    expect(job.result).toMatchObject({ files: 1, bytes: 30, chunksVerified: 1, restored: ['report (old).txt'] });
    expect(statSync(join(dir, 'report (old).txt')).mtimeMs).not.toBe(statSync(join(dir, 'report.txt')).mtimeMs);

    const again = await fails('startRestoreFile', { snapshotId: older!.id, path: 'reports/report.txt', dir, fileName: 'report.txt' });
    expect([again.code, again.message]).toEqual(['conflict', `${dir}/report.txt already exists; choose another name`]);
    for (const fileName of ['../escape.txt', '..', 'a\0b', 'x'.repeat(256)]) expect((await fails('startRestoreFile', { snapshotId: older!.id, path: 'reports/report.txt', dir, fileName })).code).toBe('bad-input');
    expect((await fails('startRestoreFile', { snapshotId: older!.id, path: 'reports/report.txt', dir: '/etc', fileName: 'x.txt' })).code).toBe('forbidden');
    const notFile = await finished(await call<Job>('startRestoreFile', { snapshotId: older!.id, path: 'reports/old', dir, fileName: 'old-copy' }));
    expect(notFile.error?.message).toMatch(/only a file can be restored under a new name/);
  });

  it('a whole restore reports what it wrote and how many chunks it verified', async () => {
    const target = join(tmp(), 'out');
    const job = await finished(await call<Job>('startRestore', { snapshotId: newer!.id, target, include: ['reports'] }));
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({ files: 2, chunksVerified: 2, restoredMore: 0 });
    expect((job.result as { restored: string[] }).restored.sort()).toEqual(['reports/old/report-2025.txt', 'reports/report.txt']);
  });
});
