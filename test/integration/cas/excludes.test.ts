import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBackup } from '../../../electron/core/engines/cas/backup/run.js';
import { CACHEDIR_SIGNATURE } from '../../../electron/core/engines/cas/backup/excludes.js';
import { Repository } from '../../../electron/core/engines/cas/repo/repository.js';
import { allEntries } from '../../../electron/core/engines/cas/tree/pages.js';
import { readManifest } from '../../../electron/core/engines/cas/tree/manifest.js';
import { jobCtx, tmp, cleanupTmp } from './helpers.js';

afterAll(cleanupTmp);

const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) spawnSync('umount', ['-l', m]);
});

async function paths(repo: string, id: string): Promise<string[]> {
  const r = await Repository.open(repo);
  await r.loadIndex();
  const m = await readManifest(r, id);
  const out: string[] = [];
  for await (const e of allEntries(r, m.tree.pages)) out.push(e.path.toString());
  return out.sort();
}

describe('cas excludes', () => {
  it('glob patterns, CACHEDIR.TAG and --one-file-system', async () => {
    const src = tmp();
    mkdirSync(join(src, 'keep/node_modules/pkg'), { recursive: true });
    mkdirSync(join(src, 'cachedir'));
    mkdirSync(join(src, 'fakecache'));
    mkdirSync(join(src, 'mnt'));
    writeFileSync(join(src, 'keep/a.txt'), 'a');
    writeFileSync(join(src, 'keep/b.tmp'), 'b');
    writeFileSync(join(src, 'keep/node_modules/pkg/index.js'), 'x');
    writeFileSync(join(src, 'cachedir/CACHEDIR.TAG'), `${CACHEDIR_SIGNATURE}\n# a cache`);
    writeFileSync(join(src, 'cachedir/blob'), 'cached');
    writeFileSync(join(src, 'fakecache/CACHEDIR.TAG'), 'not the signature');
    writeFileSync(join(src, 'fakecache/blob'), 'kept');
    const isRoot = process.getuid?.() === 0;
    expect(isRoot, 'this test mounts a tmpfs inside the source (root needed)').toBe(true);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', join(src, 'mnt')]);
    mounts.push(join(src, 'mnt'));
    writeFileSync(join(src, 'mnt/other-fs.txt'), 'on another file system');

    const repo = join(tmp(), 'repo');
    await Repository.init(repo);
    const base = { repo, source: src, workload: 'w', workloadId: 'w1', type: 'manual', tags: [], notes: '' };
    const m = await runBackup({ ...base, excludes: ['*.tmp', 'node_modules'], oneFileSystem: true }, jobCtx());
    expect(await paths(repo, m.id)).toEqual(['cachedir', 'cachedir/CACHEDIR.TAG', 'fakecache', 'fakecache/CACHEDIR.TAG', 'fakecache/blob', 'keep', 'keep/a.txt', 'mnt'].sort());
    const all = await runBackup({ ...base, excludeCaches: false }, jobCtx());
    expect(await paths(repo, all.id)).toContain('mnt/other-fs.txt');
    expect(await paths(repo, all.id)).toContain('cachedir/blob');
    expect(await paths(repo, all.id)).toContain('keep/node_modules/pkg/index.js');
  });
});
