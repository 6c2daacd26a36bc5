// The disk engine through the `tidemark` command, as a user runs it (needs `npm run build` and the lead's wiring:
// diskAdapter in engines/index.ts, diskMethods in the contract, diskHandlers, diskCommands).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tidemark, tidemarkJson } from '../../support/cli.js';
import { makeImage, tempDir } from './helpers.js';

let root: string;
let data: string;
let image: string;
let original: Buffer;

beforeAll(() => {
  root = tempDir('cli');
  data = join(root, 'data');
  image = join(root, 'vm.img');
  original = makeImage(image, 'RZHR', 999);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface SnapshotJson {
  id: string;
  engine: string;
  type: string;
  totalBytes: number;
  storedBytes: number;
  meta: { checksum: string; filesystem: string };
}

describe('tidemark CLI with a disk workload', () => {
  it('workload add → backup → snapshots → restore → verify --deep → disk import → forget', () => {
    const add = tidemark(data, ['workload', 'add', 'vm', '--engine', 'disk', '--image', image]);
    expect(add.code, add.stderr).toBe(0);
    const backup = tidemark(data, ['backup', 'vm', '--tag', 'first']);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^image \S+: .* stored, sha256 [0-9a-f]{64}/m);

    const [snap] = tidemarkJson<SnapshotJson[]>(data, ['snapshots', 'vm']);
    expect(snap).toMatchObject({ engine: 'disk', type: 'manual', totalBytes: original.length, meta: { filesystem: 'unknown' } });

    const target = join(root, 'restored.img');
    const r = tidemark(data, ['restore', snap!.id, '--target', target]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(target).equals(original)).toBe(true);
    const again = tidemark(data, ['restore', snap!.id, '--target', target]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: .*exists: pass --force/);

    expect(tidemark(data, ['verify', 'vm', '--deep']).code).toBe(0);

    const src = join(root, 'other.img');
    makeImage(src, 'RR');
    const file = join(root, 'other.mirn');
    execFileSync('python3', [join(import.meta.dirname, 'miren.py'), 'write', file, src, 'other', 'ext4', '2026-03-01T00:00:00Z']);
    const imp = tidemark(data, ['disk', 'import', 'vm', file]);
    expect(imp.code, imp.stderr).toBe(0);
    expect(tidemarkJson<SnapshotJson[]>(data, ['snapshots', 'vm']).map((s) => s.type).sort()).toEqual(['import', 'manual']);
    const bad = tidemark(data, ['disk', 'import', 'vm', src]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: .*not a miren image/);

    expect(tidemark(data, ['forget', snap!.id]).code).toBe(0);
    expect(tidemarkJson<SnapshotJson[]>(data, ['snapshots', 'vm']).map((s) => s.type)).toEqual(['import']);
  });

  it('prune applies the retention policy through the shared engine and deletes the image files', () => {
    const policy = join(root, 'policy.json');
    writeFileSync(policy, JSON.stringify({ keepLast: 1 }));
    const repo = join(root, 'pr-repo');
    expect(tidemark(data, ['workload', 'add', 'pr', '--engine', 'disk', '--image', image, '--repo', repo, '--policy', policy]).code).toBe(0);
    for (let i = 0; i < 2; i++) expect(tidemark(data, ['backup', 'pr']).code).toBe(0);
    const before = tidemarkJson<SnapshotJson[]>(data, ['snapshots', 'pr']);
    expect(before).toHaveLength(2);
    const p = tidemark(data, ['prune', 'pr', '--yes']);
    expect(p.code, p.stderr).toBe(0);
    const after = tidemarkJson<SnapshotJson[]>(data, ['snapshots', 'pr']);
    expect(after.map((s) => s.id)).toEqual([before[0]!.id]); // newest first: the newest is kept
    expect(readdirSync(repo)).toEqual([`${before[0]!.id}.mirn`]);
  });
});
