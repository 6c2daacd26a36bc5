import Database from 'better-sqlite3';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCatalog, CATALOG_FILE } from '../../electron/core/catalog/index.js';
import { LATEST_VERSION, migrations } from '../../electron/core/catalog/migrations.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tm-catalog-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('catalog on a real SQLite file', () => {
  it('creates the latest schema in WAL mode', () => {
    const dir = tempDir();
    const c = openCatalog(dir);
    expect(c.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(c.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const tables = c.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all().map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['workloads', 'policies', 'snapshots', 'jobs', 'job_logs', 'settings']));
    c.close();
  });

  it('migrates a version-1 catalog and keeps its rows', () => {
    const dir = tempDir();
    const db = new Database(join(dir, CATALOG_FILE));
    db.exec(migrations[0]!.sql);
    db.pragma('user_version = 1');
    db.prepare(`INSERT INTO workloads (id, name, engine, config, created_at, updated_at) VALUES ('w1', 'docs', 'cas', '{"source":"/srv/docs","repo":"/r"}', 'x', 'x')`).run();
    db.prepare(`INSERT INTO snapshots (id, workload_id, engine, type, created_at) VALUES ('s1', 'w1', 'cas', 'manual', '2026-01-01T00:00:00Z')`).run();
    db.close();

    const c = openCatalog(dir);
    expect(c.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const w = c.workloads.get('docs');
    expect(w.schedule).toBeNull();
    const [s] = c.snapshots.list(w.id);
    expect(s).toMatchObject({ id: 's1', pinned: false, location: 'local', workload: 'docs' });
    // version 3: "copies elsewhere?" is one probe of an index, not a walk over a workload's rows
    const plan = c.db.prepare(`EXPLAIN QUERY PLAN SELECT EXISTS (SELECT 1 FROM snapshots WHERE workload_id = ? AND location <> 'local')`).all('w1');
    expect(JSON.stringify(plan)).toContain('USING INDEX snapshots_elsewhere');
    c.close();
  });

  it('refuses a catalog from a newer Tidemark and leaves the file byte-identical', () => {
    const dir = tempDir();
    const file = join(dir, CATALOG_FILE);
    const db = new Database(file);
    db.exec(`CREATE TABLE future (x INTEGER); INSERT INTO future VALUES (1);`);
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    db.close();
    const before = readFileSync(file);
    expect(() => openCatalog(dir)).toThrow(/newer Tidemark.*schema .*not changed/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses an unreadable (not SQLite) file with a clear error and does not overwrite it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, CATALOG_FILE), 'this is not a database, it is my notes');
    expect(() => openCatalog(dir)).toThrow(/catalog/);
    expect(readFileSync(join(dir, CATALOG_FILE), 'utf8')).toBe('this is not a database, it is my notes');
  });

  it('rejects a duplicate workload name and keeps the first', () => {
    const c = openCatalog(tempDir());
    c.workloads.add({ name: 'docs', engine: 'cas', config: { source: '/a' }, policy: { keepLast: 3 }, schedule: null });
    expect(() => c.workloads.add({ name: 'docs', engine: 'cas', config: { source: '/b' }, policy: {}, schedule: null })).toThrow(/already exists/);
    expect(c.workloads.list()).toHaveLength(1);
    expect(c.workloads.get('docs')).toMatchObject({ config: { source: '/a' }, policy: { keepLast: 3 } });
    c.close();
  });

  it('applies job catalog changes atomically and keeps the pinned flag across a re-listing', () => {
    const c = openCatalog(tempDir());
    const w = c.workloads.add({ name: 'docs', engine: 'cas', config: { source: '/a' }, policy: {}, schedule: null });
    const snap = (id: string, createdAt: string) => ({
      id, workloadId: w.id, engine: 'cas' as const, type: 'manual', tags: [], notes: '', createdAt, complete: true,
      fileCount: 1, totalBytes: 10, storedBytes: 5, newChunks: 1, dedupChunks: 0, durationMs: 3, location: 'local', meta: {},
    });
    c.snapshots.apply({ upsertSnapshots: [snap('a', '2026-01-01T00:00:00Z'), snap('b', '2026-01-01T00:00:00Z'), snap('c', '2026-01-02T00:00:00Z')] });
    c.snapshots.update('b', { pinned: true });
    // newest first, same-second ties broken by id
    expect(c.snapshots.list(w.id).map((s) => s.id)).toEqual(['c', 'b', 'a']);
    c.snapshots.apply({ replaceAllFor: { workloadId: w.id }, upsertSnapshots: [snap('b', '2026-01-01T00:00:00Z')] });
    expect(c.snapshots.list(w.id).map((s) => [s.id, s.pinned])).toEqual([['b', true]]);
    expect(() => c.snapshots.apply({ upsertSnapshots: [snap('d', 'x'), { ...snap('e', 'y'), workloadId: 'missing' }] })).toThrow();
    expect(c.snapshots.find('d')).toBeUndefined();
    c.close();
  });

  it('marks jobs left running by a dead process as failed on the next open', () => {
    const dir = tempDir();
    const c = openCatalog(dir);
    c.jobs.create({ id: 'j1', kind: 'estimate', workloadId: null, title: 't', input: {} });
    c.jobs.started('j1');
    expect(c.jobs.failInterrupted()).toBe(1);
    expect(c.jobs.get('j1')).toMatchObject({ state: 'failed', error: { code: 'interrupted' } });
    c.close();
  });

  it('reports a data dir that is not writable in one line', () => {
    if (process.getuid?.() === 0) {
      // root ignores permission bits: use a path under a regular file instead, which no one can create
      const dir = tempDir();
      writeFileSync(join(dir, 'file'), '');
      expect(() => openCatalog(join(dir, 'file', 'data'))).toThrow(/cannot create the data directory/);
    } else {
      const dir = tempDir();
      chmodSync(dir, 0o500);
      expect(() => openCatalog(join(dir, 'data'))).toThrow(/cannot create the data directory/);
    }
  });
});
