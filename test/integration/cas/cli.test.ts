import { mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tidemark, tidemarkJson } from '../../support/cli.js';
import { cleanupTmp, tmp } from './helpers.js';

afterAll(cleanupTmp);

interface Snap {
  id: string;
  engine: string;
  fileCount: number;
  totalBytes: number;
  newChunks: number;
  dedupChunks: number;
}

// The built CLI (npm test builds first), as a user runs it.
describe('cas through the tidemark CLI', () => {
  it('workload add → backup → ls/find/diff → restore → verify → forget → gc → rebuild-index', () => {
    const data = tmp();
    const src = tmp();
    mkdirSync(join(src, 'docs'));
    writeFileSync(join(src, 'docs/a.txt'), 'alpha\n');
    writeFileSync(join(src, 'b.txt'), 'beta\n');
    expect(tidemark(data, ['workload', 'add', 'docs', '--engine', 'cas', '--source', src]).code).toBe(0);

    const first = tidemarkJson<{ snapshot: Snap }>(data, ['backup', 'docs', '--tag', 'one']).snapshot;
    expect(first).toMatchObject({ engine: 'cas', fileCount: 2, totalBytes: 11 });
    appendFileSync(join(src, 'docs/a.txt'), 'more\n');
    const second = tidemarkJson<{ snapshot: Snap }>(data, ['backup', 'docs']).snapshot;

    const snaps = tidemarkJson<Snap[]>(data, ['snapshots', 'docs']);
    expect(snaps.map((s) => s.id)).toEqual([second.id, first.id]);

    const ls = tidemarkJson<{ entries: { name: string; type: string }[] }>(data, ['ls', second.id, '/docs']);
    expect(ls.entries.map((e) => e.name)).toEqual(['a.txt']);
    expect(tidemark(data, ['ls', second.id]).stdout).toMatch(/docs\n?/);

    const versions = tidemarkJson<{ snapshotId: string; changed: boolean }[]>(data, ['find', '/docs/a.txt']);
    expect(versions.map((v) => v.snapshotId)).toEqual([second.id, first.id]);

    const diff = tidemarkJson<{ changed: number; changes: { path: string }[] }>(data, ['diff', first.id, second.id]);
    expect(diff.changes.map((c) => c.path)).toContain('docs/a.txt');
    expect(tidemark(data, ['diff', first.id, second.id]).stdout).toMatch(/^M docs\/a.txt/m);

    const target = join(tmp(), 'restored');
    expect(tidemark(data, ['restore', first.id, '--target', target]).code).toBe(0);
    expect(readFileSync(join(target, 'docs/a.txt'), 'utf8')).toBe('alpha\n');
    const again = tidemark(data, ['restore', first.id, '--target', target]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: .*exists and is not empty/m);

    expect(tidemark(data, ['verify', 'docs', '--deep']).code).toBe(0);
    expect(tidemark(data, ['forget', first.id]).code).toBe(0);
    expect(tidemark(data, ['gc']).code).toBe(0);
    expect(tidemark(data, ['repo', 'rebuild-index', 'docs']).code).toBe(0);
    expect(tidemark(data, ['verify', 'docs', '--deep']).code).toBe(0);

    const bad = tidemark(data, ['ls', 'nonexistent']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  }, 180_000);

  it('a missing source is refused when the workload is added', () => {
    const data = tmp();
    const r = tidemark(data, ['workload', 'add', 'x', '--engine', 'cas', '--source', '/nonexistent/dir']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: (source )?\/nonexistent\/dir does not exist$/m);
  });
});
