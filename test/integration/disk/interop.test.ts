// Interop with an independent miren-format implementation (miren.py: python json + the zstd CLI).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskBackup } from '../../../electron/core/engines/disk/backup.js';
import { encodeHeader } from '../../../electron/core/engines/disk/format.js';
import { diskImport } from '../../../electron/core/engines/disk/import.js';
import { diskRestore } from '../../../electron/core/engines/disk/restore.js';
import { readHeader } from '../../../electron/core/engines/disk/store.js';
import { makeCtx, makeImage, rejection, tempDir } from './helpers.js';

const MIREN_PY = fileURLToPath(new URL('./miren.py', import.meta.url));
const py = (...args: string[]) => execFileSync('python3', [MIREN_PY, ...args], { encoding: 'utf8' });

let dir: string;
let repo: string;
beforeAll(() => {
  dir = tempDir('interop');
  repo = join(dir, 'repo');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('miren interop', () => {
  it('restores an image written by the independent implementation, bit for bit', async () => {
    const src = join(dir, 'src.img');
    const data = makeImage(src, 'RZHR', 777);
    const image = join(dir, 'from-miren.mirn');
    py('write', image, src, 'web <db> & co', 'ext4', '2026-06-04T12:00:00.123456789Z');
    const h = await readHeader(image);
    expect(h.meta).toMatchObject({ name: 'web <db> & co', filesystem: 'ext4', size_bytes: data.length, timestamp: '2026-06-04T12:00:00.123456789Z' });
    const target = join(dir, 'restored.img');
    await diskRestore({ snapshotId: 'x', imagePath: image, target, force: false }, makeCtx());
    expect(readFileSync(target).equals(data)).toBe(true);
  });

  it('writes header bytes identical to the independent encoder for the same meta', async () => {
    const meta = { name: 'web <db> & co', size_bytes: 3146505, filesystem: 'ext4', timestamp: '2026-06-04T12:00:00.12Z', checksum: 'ab'.repeat(32), version: 1 };
    const theirs = execFileSync('python3', [MIREN_PY, 'header'], { input: JSON.stringify(meta) });
    expect(encodeHeader(meta).equals(theirs)).toBe(true);
  });

  it('an image Tidemark writes is read, decompressed and verified by the independent reader', async () => {
    const src = join(dir, 'mine.img');
    const data = makeImage(src, 'RHZR', 4321);
    const r = await diskBackup({ workloadId: 'w', workloadName: 'mine', image: src, repo, type: 'manual', tags: ['x'], notes: 'é<>', confirm: false }, makeCtx());
    const out = join(dir, 'py-out.img');
    const res = JSON.parse(py('read', join(repo, `${r.snapshot.id}.mirn`), out)) as { meta: Record<string, unknown>; raw: string };
    expect(readFileSync(out).equals(data)).toBe(true);
    expect(res.meta).toMatchObject({ name: 'mine', size_bytes: data.length, filesystem: 'unknown', version: 1, checksum: r.snapshot.meta.checksum });
    // the miren fields come first, in miren's order
    expect(Object.keys(res.meta).slice(0, 6)).toEqual(['name', 'size_bytes', 'filesystem', 'timestamp', 'checksum', 'version']);
  });

  it('imports a miren-written image into the store byte for byte, and refuses a damaged one', async () => {
    const src = join(dir, 'imp.img');
    const data = makeImage(src, 'RR');
    const image = join(dir, 'imp.mirn');
    py('write', image, src, 'imported-disk', 'xfs', '2026-01-02T03:04:05Z');
    const r = await diskImport({ workloadId: 'w', repo, file: image }, makeCtx());
    expect(r.snapshot).toMatchObject({ type: 'import', totalBytes: data.length, createdAt: '2026-01-02T03:04:05.000Z' });
    expect(r.snapshot.id.startsWith('20260102T030405.000Z-')).toBe(true);
    expect(readFileSync(join(repo, `${r.snapshot.id}.mirn`)).equals(readFileSync(image))).toBe(true);
    expect(r.catalog.upsertSnapshots).toHaveLength(1);

    const broken = Buffer.from(readFileSync(image));
    broken.write('0'.repeat(64), broken.indexOf('"checksum":"') + 12, 'latin1');
    writeFileSync(join(dir, 'broken.mirn'), broken);
    const before = readdirSync(repo);
    const e = await rejection(diskImport({ workloadId: 'w', repo, file: join(dir, 'broken.mirn') }, makeCtx()));
    expect(e).toMatchObject({ code: 'corrupt', message: expect.stringMatching(/checksum mismatch/) });
    expect(readdirSync(repo)).toEqual(before);
    const e2 = await rejection(diskImport({ workloadId: 'w', repo, file: src }, makeCtx()));
    expect(e2).toMatchObject({ code: 'corrupt', message: expect.stringMatching(/not a miren image/) });
  });
});
