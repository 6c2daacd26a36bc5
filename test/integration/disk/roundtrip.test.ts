// Backup → store → restore on real files: bit-identical, sparse, atomic, and every bad case leaves nothing behind.
import { chmodSync, chownSync, existsSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskBackup, type DiskBackupInput } from '../../../electron/core/engines/disk/backup.js';
import { diskRestore } from '../../../electron/core/engines/disk/restore.js';
import { readHeader } from '../../../electron/core/engines/disk/store.js';
import { allocated, makeCtx, makeImage, MiB, rejection, sha256File, tempDir } from './helpers.js';

let dir: string;
let repo: string;
const input = (image: string, extra: Partial<DiskBackupInput> = {}): DiskBackupInput => ({
  workloadId: 'w-1', workloadName: 'vm', image, repo, type: 'manual', tags: ['t1'], notes: 'n', confirm: false, ...extra,
});

beforeAll(() => {
  dir = tempDir('rt');
  repo = join(dir, 'repo');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('disk backup + restore on files', () => {
  let src: string;
  let original: Buffer;
  let id: string;
  let imageFile: string;

  it('backs up a sparse file into one .mirn with a correct header, progress and record', async () => {
    src = join(dir, 'disk.img');
    original = makeImage(src, 'RZHHRZRHHH', 12345); // random, written zeros, holes, and a ragged tail
    const ctx = makeCtx();
    const r = await diskBackup(input(src), ctx);
    id = r.snapshot.id;
    imageFile = join(repo, `${id}.mirn`);
    expect(readdirSync(repo)).toEqual([`${id}.mirn`]);
    const h = await readHeader(imageFile);
    expect(h.meta).toMatchObject({ name: 'vm', size_bytes: original.length, filesystem: 'unknown', version: 1, checksum: sha256File(src) });
    expect(h.meta.tidemark).toEqual({ workload_id: 'w-1', type: 'manual', tags: ['t1'], notes: 'n' });
    expect(r.snapshot).toMatchObject({ engine: 'disk', workloadId: 'w-1', totalBytes: original.length, storedBytes: statSync(imageFile).size, complete: true, tags: ['t1'] });
    expect(r.snapshot.meta).toMatchObject({ checksum: h.meta.checksum, filesystem: 'unknown', sizeBytes: original.length, name: 'vm' });
    expect(r.catalog.upsertSnapshots?.[0]?.id).toBe(id);
    // 3 MiB of random data + tail dominate; 7 MiB of zeros compress to almost nothing
    expect(statSync(imageFile).size).toBeLessThan(3 * MiB + 12345 + 64 * 1024);
    const last = ctx.updates.at(-1)!;
    expect(last).toMatchObject({ phase: 'imaging', bytesDone: original.length, bytesTotal: original.length });
  });

  it('restores bit-identically to a new file, with holes where the image had zeros', async () => {
    const target = join(dir, 'restored.img');
    const ctx = makeCtx();
    const r = await diskRestore({ snapshotId: id, imagePath: imageFile, target, force: false }, ctx);
    expect(r).toMatchObject({ bytes: original.length, sparse: true });
    expect(readFileSync(target).equals(original)).toBe(true);
    // 3 random MiB + the 12345-byte tail (4 KiB blocks): written zeros became holes too
    expect(allocated(target)).toBeLessThanOrEqual(3 * MiB + 16 * 1024);
    expect(allocated(target)).toBeLessThanOrEqual(allocated(src));
    expect(readdirSync(dir).filter((n) => n.includes('tidemark-'))).toEqual([]);
    expect(ctx.updates.at(-1)).toMatchObject({ phase: 'restoring', bytesDone: original.length, bytesTotal: original.length });
  });

  it('refuses an existing target without force, replaces it with force', async () => {
    const target = join(dir, 'existing.img');
    writeFileSync(target, 'old contents');
    chmodSync(target, 0o640);
    chownSync(target, 1234, 5678);
    const e = await rejection(diskRestore({ snapshotId: id, imagePath: imageFile, target, force: false }, makeCtx()));
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/exists: pass --force/);
    expect(readFileSync(target, 'utf8')).toBe('old contents');
    await diskRestore({ snapshotId: id, imagePath: imageFile, target, force: true }, makeCtx());
    expect(readFileSync(target).equals(original)).toBe(true);
    expect(statSync(target)).toMatchObject({ mode: 0o100640, uid: 1234, gid: 5678 }); // the replaced file keeps owner and mode
    expect(statSync(join(dir, 'restored.img')).mode & 0o777).toBe(0o600); // a new one is the owner's only
    expect(statSync(imageFile).mode & 0o777).toBe(0o600);
  });

  it('refuses to restore a stored image over itself', async () => {
    const e = await rejection(diskRestore({ snapshotId: id, imagePath: imageFile, target: imageFile, force: true }, makeCtx()));
    expect(e).toMatchObject({ code: 'bad-input', message: expect.stringMatching(/is the stored image itself/) });
    expect((await readHeader(imageFile)).meta.size_bytes).toBe(original.length);
  });

  it('a checksum mismatch fails the restore and leaves no target; an existing target stays as it was', async () => {
    const bad = join(dir, 'badsum.mirn');
    const bytes = readFileSync(imageFile);
    const h = await readHeader(imageFile);
    const at = bytes.indexOf(h.meta.checksum);
    bytes.write('f'.repeat(64), at, 'latin1');
    writeFileSync(bad, bytes);
    const target = join(dir, 'never.img');
    const e = await rejection(diskRestore({ snapshotId: id, imagePath: bad, target, force: false }, makeCtx()));
    expect(e.code).toBe('corrupt');
    expect(e.message).toMatch(/checksum mismatch/);
    expect(e.message).toMatch(/nothing was left/);
    expect(existsSync(target)).toBe(false);
    const existing = join(dir, 'keep.img');
    writeFileSync(existing, 'precious');
    await rejection(diskRestore({ snapshotId: id, imagePath: bad, target: existing, force: true }, makeCtx()));
    expect(readFileSync(existing, 'utf8')).toBe('precious');
    expect(readdirSync(dir).filter((n) => n.includes('tidemark-'))).toEqual([]);
  });

  it('a zstd stream damaged midway or cut short fails clearly and leaves no target', async () => {
    const bytes = readFileSync(imageFile);
    const h = await readHeader(imageFile);
    const damaged = Buffer.from(bytes);
    damaged.fill(0x55, h.dataStart + 100, h.dataStart + 2000); // inside the first compressed block
    writeFileSync(join(dir, 'damaged.mirn'), damaged);
    writeFileSync(join(dir, 'cut.mirn'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    for (const [name, re] of [['damaged.mirn', /compressed data is damaged|checksum mismatch/], ['cut.mirn', /truncated/]] as const) {
      const target = join(dir, `from-${name}.img`);
      const e = await rejection(diskRestore({ snapshotId: id, imagePath: join(dir, name), target, force: false }, makeCtx()));
      expect(e.code).toBe('corrupt');
      expect(e.message).toMatch(re);
      expect(existsSync(target)).toBe(false);
    }
    expect(readdirSync(dir).filter((n) => n.includes('tidemark-'))).toEqual([]);
  });

  it('bad images: wrong magic, unsupported version, meta over 1 MiB, malformed JSON, truncated header', async () => {
    const bytes = readFileSync(imageFile);
    const variants: [string, Buffer, RegExp][] = [
      ['magic', Buffer.concat([Buffer.from('MIRX'), bytes.subarray(4)]), /not a miren image/],
      ['version', Buffer.concat([bytes.subarray(0, 4), Buffer.from([0, 0, 0, 9]), bytes.subarray(8)]), /unsupported image format version 9/],
      ['metalen', Buffer.concat([bytes.subarray(0, 8), Buffer.from([0, 0x20, 0, 0]), bytes.subarray(12)]), /over the 1 MiB limit/],
      ['json', Buffer.concat([bytes.subarray(0, 12), Buffer.from('['), bytes.subarray(13)]), /not valid JSON/],
      ['short', bytes.subarray(0, 9), /truncated/],
    ];
    for (const [name, b, re] of variants) {
      const p = join(dir, `bad-${name}.mirn`);
      writeFileSync(p, b);
      const e = await rejection(diskRestore({ snapshotId: id, imagePath: p, target: join(dir, `t-${name}`), force: false }, makeCtx()));
      expect(e.code, name).toBe('corrupt');
      expect(e.message, name).toMatch(re);
      expect(existsSync(join(dir, `t-${name}`))).toBe(false);
    }
  });

  it('a source that shrinks during the backup fails with a clear error and leaves no snapshot', async () => {
    const shrinking = join(dir, 'shrinking.img');
    makeImage(shrinking, 'RRRRRRRRRRRRRRRR'); // 16 MiB: four 4 MiB reads
    const before = readdirSync(repo);
    const ctx = makeCtx((u) => {
      if (u.bytesDone > 0 && statSync(shrinking).size > MiB) truncateSync(shrinking, MiB);
    });
    const e = await rejection(diskBackup(input(shrinking), ctx));
    expect(e.code).toBe('io');
    expect(e.message).toMatch(/shrank during the backup: 16777216 bytes expected/);
    expect(readdirSync(repo)).toEqual(before);
  });

  it('cancel stops the backup and removes its temporary file', async () => {
    const big = join(dir, 'big.img');
    makeImage(big, 'RRRRRRRRRRRR');
    const before = readdirSync(repo);
    const ctx = makeCtx((u) => u.bytesDone > 0 && ctx.abort());
    const e = await rejection(diskBackup(input(big), ctx));
    expect(e.code).toBe('cancelled');
    expect(readdirSync(repo)).toEqual(before);
  });

  it('a source another process holds open for writing (a running VM) needs confirmation; open read-only does not', async () => {
    const live = join(dir, 'live.img');
    makeImage(live, 'RZ');
    for (const [redirect, needs] of [['3<>', true], ['3<', false]] as const) {
      const child = spawn('sh', ['-c', `exec ${redirect}"$0"; exec sleep 60`, live], { stdio: 'ignore' });
      try {
        for (let i = 0; i < 100 && !existsSync(`/proc/${child.pid}/fd/3`); i++) await new Promise((r) => setTimeout(r, 20));
        if (needs) {
          const e = await rejection(diskBackup(input(live), makeCtx()));
          expect(e).toMatchObject({ code: 'needs-confirmation', message: expect.stringMatching(new RegExp(`open for writing by process ${child.pid} \\(sleep\\).*crash-consistent`)) });
          const r = await diskBackup(input(live, { confirm: true }), makeCtx());
          expect(r.warnings[0]).toMatch(/crash-consistent/);
        } else {
          expect((await diskBackup(input(live), makeCtx())).warnings).toEqual([]);
        }
      } finally {
        child.kill('SIGKILL');
      }
    }
  });

  it('cancel stops a restore and leaves no target', async () => {
    const big = join(dir, 'big-restore.img');
    makeImage(big, 'RRRRRRRRRRRR');
    const r = await diskBackup(input(big), makeCtx());
    const target = join(dir, 'cancelled.img');
    const ctx = makeCtx((u) => u.bytesDone > 0 && ctx.abort());
    const e = await rejection(diskRestore({ snapshotId: r.snapshot.id, imagePath: join(repo, `${r.snapshot.id}.mirn`), target, force: false }, ctx));
    expect(e.code).toBe('cancelled');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.includes('tidemark-'))).toEqual([]);
  });

  it('refuses a missing source, a folder, and a source it cannot read', async () => {
    expect(await rejection(diskBackup(input(join(dir, 'nope.img')), makeCtx()))).toMatchObject({ code: 'not-found', message: expect.stringMatching(/does not exist/) });
    expect(await rejection(diskBackup(input(dir), makeCtx()))).toMatchObject({ code: 'bad-input', message: expect.stringMatching(/neither a regular file nor a block device/) });
  });

  it('backs up and restores an empty file and a file smaller than a block', async () => {
    for (const [name, data] of [['empty', Buffer.alloc(0)], ['tiny', Buffer.from('hello')]] as const) {
      const p = join(dir, `${name}.img`);
      writeFileSync(p, data);
      const r = await diskBackup(input(p), makeCtx());
      const target = join(dir, `${name}.out`);
      await diskRestore({ snapshotId: r.snapshot.id, imagePath: join(repo, `${r.snapshot.id}.mirn`), target, force: false }, makeCtx());
      expect(readFileSync(target).equals(data)).toBe(true);
    }
  });
});

describe('the bytes of a small image', () => {
  it('are pinned: header, then one zstd frame (level 3, content size and checksum flags)', async () => {
    const { writeImage } = await import('../../../electron/core/engines/disk/write-image.js');
    const src = join(dir, 'pinned.img');
    writeFileSync(src, Buffer.concat([Buffer.from('tidemark '.repeat(455)), Buffer.alloc(4096)]));
    const out = join(dir, 'pinned.mirn');
    const r = await writeImage({
      source: src, size: statSync(src).size, out, signal: new AbortController().signal,
      meta: { name: 'pinned', filesystem: 'unknown', timestamp: '2026-06-04T12:00:00Z', version: 1 },
    });
    const bytes = readFileSync(out);
    const json = `{"name":"pinned","size_bytes":8191,"filesystem":"unknown","timestamp":"2026-06-04T12:00:00Z","checksum":"${r.checksum}","version":1}`;
    expect(bytes.subarray(0, 12).toString('hex')).toBe(`4d49524e00000001${json.length.toString(16).padStart(8, '0')}`);
    expect(bytes.subarray(12, 12 + json.length).toString()).toBe(json);
    expect(r.checksum).toBe(sha256File(src));
    // zstd frame magic, then a frame header declaring 8191 bytes of content and a content checksum
    const frame = bytes.subarray(12 + json.length);
    expect(frame.subarray(0, 4).toString('hex')).toBe('28b52ffd');
    expect(frame.length).toBeLessThan(100); // 8 KiB of repetition and zeros
    // pinned for the zstd bundled with zstd-napi 0.0.13 (a zstd upgrade may legitimately change these bytes)
    expect(frame.toString('hex')).toBe('28b52ffd64ff1ead000050746964656d61726b20000200fcc7f962fef4cb118d5c2174');
  });
});
