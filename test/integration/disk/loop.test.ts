// Real block devices: loop devices, ext4, mounts, a tmpfs that fills up, a process holding the target open.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskBackup, type DiskBackupInput } from '../../../electron/core/engines/disk/backup.js';
import { diskRestore } from '../../../electron/core/engines/disk/restore.js';
import { makeCtx, makeImage, MiB, rejection, sh, tempDir } from './helpers.js';

// Loop devices and mounts need root; the engine's device paths cannot be tested otherwise. Fail loudly, never skip.
if (process.getuid?.() !== 0) throw new Error('test/integration/disk/loop.test.ts needs root (losetup, mount)');

let dir: string;
let repo: string;
const loops: string[] = [];
const mounted: string[] = [];
const children: ChildProcess[] = [];

function attach(file: string): string {
  const dev = sh('losetup', ['-f', '--show', file]);
  loops.push(dev);
  return dev;
}
function mount(what: string, at: string, opts: string[] = []): void {
  mkdirSync(at, { recursive: true });
  sh('mount', [...opts, what, at]);
  mounted.push(at);
}
function umount(at: string): void {
  sh('umount', [at]);
  mounted.splice(mounted.indexOf(at), 1);
}
async function readDevice(dev: string, len: number): Promise<Buffer> {
  const fh = await open(dev, 'r');
  try {
    const b = Buffer.alloc(len);
    await fh.read(b, 0, len, 0);
    return b;
  } finally {
    await fh.close();
  }
}
const input = (image: string, extra: Partial<DiskBackupInput> = {}): DiskBackupInput => ({
  workloadId: 'w-2', workloadName: 'dev', image, repo, type: 'manual', tags: [], notes: '', confirm: false, ...extra,
});
const imageOf = (id: string) => join(repo, `${id}.mirn`);

let fsFile: string;
let fsDev: string;
let fsId: string;

beforeAll(() => {
  dir = tempDir('loop');
  repo = join(dir, 'repo');
  fsFile = join(dir, 'ext4.img');
  makeImage(fsFile, 'H'.repeat(32));
  sh('mkfs.ext4', ['-q', '-F', fsFile]);
  fsDev = attach(fsFile);
  const mnt = join(dir, 'mnt-fill');
  mount(fsDev, mnt);
  writeFileSync(join(mnt, 'hello.txt'), 'hello from the loop device\n'.repeat(1000));
  umount(mnt);
});

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  for (const m of [...mounted].reverse()) {
    try {
      sh('umount', ['-l', m]);
    } catch {}
  }
  for (const l of loops) {
    try {
      sh('losetup', ['-d', l]);
    } catch {}
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('disk engine on loop devices', () => {
  it('images an unmounted ext4 loop device and detects ext4', async () => {
    const r = await diskBackup(input(fsDev), makeCtx());
    fsId = r.snapshot.id;
    expect(r.snapshot.meta).toMatchObject({ filesystem: 'ext4', sizeBytes: 32 * MiB });
    expect(r.warnings).toEqual([]);
  });

  it('restores bit-identically onto another loop device (force), and the filesystem mounts', async () => {
    const targetFile = join(dir, 'target.img');
    makeImage(targetFile, 'R'.repeat(32)); // old data everywhere: zero blocks must be written on a device
    const target = attach(targetFile);
    const e = await rejection(diskRestore({ snapshotId: fsId, imagePath: imageOf(fsId), target, force: false }, makeCtx()));
    expect(e).toMatchObject({ code: 'conflict', message: expect.stringMatching(/exists: pass --force/) });
    const r = await diskRestore({ snapshotId: fsId, imagePath: imageOf(fsId), target, force: true }, makeCtx());
    expect(r.sparse).toBe(false);
    expect((await readDevice(target, 32 * MiB)).equals(await readDevice(fsDev, 32 * MiB))).toBe(true);
    const mnt = join(dir, 'mnt-restored');
    mount(target, mnt, ['-o', 'ro']);
    expect(readFileSync(join(mnt, 'hello.txt'), 'utf8')).toMatch(/^hello from the loop device/);
    umount(mnt);
  });

  it('a read-write mounted source (the device, or the file behind it) needs confirmation: crash-consistent', async () => {
    const mnt = join(dir, 'mnt-rw');
    mount(fsDev, mnt);
    try {
      for (const src of [fsDev, fsFile]) {
        const e = await rejection(diskBackup(input(src), makeCtx()));
        expect(e.code).toBe('needs-confirmation');
        expect(e.message).toMatch(/mounted read-write at .*mnt-rw.*crash-consistent/);
      }
      expect(readdirSync(repo).filter((n) => !n.startsWith(fsId))).toEqual([]);
      const ctx = makeCtx();
      const r = await diskBackup(input(fsFile, { confirm: true }), ctx);
      expect(r.warnings[0]).toMatch(/crash-consistent/);
      expect(r.snapshot.meta.warnings).toEqual(r.warnings);
      expect(ctx.logs.some((l) => l.startsWith('warn:') && l.includes('crash-consistent'))).toBe(true);
    } finally {
      umount(mnt);
    }
  });

  it('a whole device whose partition is mounted counts as mounted (backup asks, restore refuses)', async () => {
    const disk = join(dir, 'partitioned.img');
    makeImage(disk, 'H'.repeat(24));
    // one MBR partition of type 0x83 from sector 2048 to the end
    const mbr = Buffer.alloc(512);
    mbr.writeUInt8(0x83, 446 + 4);
    mbr.writeUInt32LE(2048, 446 + 8);
    mbr.writeUInt32LE(24 * 2048 - 2048, 446 + 12);
    mbr.writeUInt16LE(0xaa55, 510);
    const fd = openSync(disk, 'r+');
    writeSync(fd, mbr, 0, 512, 0);
    closeSync(fd);
    const dev = sh('losetup', ['-P', '-f', '--show', disk]);
    loops.push(dev);
    for (let i = 0; i < 50 && !existsSync(`${dev}p1`); i++) await new Promise((r) => setTimeout(r, 20));
    if (!existsSync(`${dev}p1`)) sh('partx', ['-a', dev]); // some kernels scan loop partitions lazily
    expect(existsSync(`${dev}p1`)).toBe(true);
    sh('mkfs.ext4', ['-q', '-F', `${dev}p1`]);
    const mnt = join(dir, 'mnt-part');
    mount(`${dev}p1`, mnt);
    try {
      const e = await rejection(diskBackup(input(dev), makeCtx()));
      expect(e).toMatchObject({ code: 'needs-confirmation', message: expect.stringMatching(/mounted read-write at .*mnt-part/) });
      const e2 = await rejection(diskBackup(input(disk), makeCtx())); // the file behind it, too
      expect(e2.code).toBe('needs-confirmation');
      const r = await rejection(diskRestore({ snapshotId: fsId, imagePath: imageOf(fsId), target: dev, force: true }, makeCtx()));
      expect(r).toMatchObject({ code: 'conflict', message: expect.stringMatching(/mounted at .*mnt-part/) });
    } finally {
      umount(mnt);
    }
  });

  it('a read-only mount needs no confirmation', async () => {
    const mnt = join(dir, 'mnt-ro');
    mount(fsDev, mnt, ['-o', 'ro']);
    try {
      const r = await diskBackup(input(fsDev), makeCtx());
      expect(r.warnings).toEqual([]);
    } finally {
      umount(mnt);
    }
  });

  it('refuses a target that is mounted, or a file that backs an attached loop device, even with force', async () => {
    const mnt = join(dir, 'mnt-busy');
    mount(fsDev, mnt, ['-o', 'ro']);
    try {
      const e = await rejection(diskRestore({ snapshotId: fsId, imagePath: imageOf(fsId), target: fsDev, force: true }, makeCtx()));
      expect(e).toMatchObject({ code: 'conflict', message: expect.stringMatching(/in use: mounted at .*mnt-busy/) });
    } finally {
      umount(mnt);
    }
    const e = await rejection(diskRestore({ snapshotId: fsId, imagePath: imageOf(fsId), target: fsFile, force: true }, makeCtx()));
    expect(e).toMatchObject({ code: 'conflict', message: expect.stringMatching(/backs the loop device \/dev\/loop\d+/) });
  });

  it('refuses a target another process has open', async () => {
    const busy = join(dir, 'busy.img');
    writeFileSync(busy, 'x');
    const child = spawn('sh', ['-c', 'exec 3<"$0"; exec sleep 60', busy], { stdio: 'ignore' });
    children.push(child);
    for (let i = 0; i < 100; i++) {
      const fds = existsSync(`/proc/${child.pid}/fd/3`);
      if (fds) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const e = await rejection(diskRestore({ snapshotId: fsId, imagePath: imageOf(fsId), target: busy, force: true }, makeCtx()));
    expect(e).toMatchObject({ code: 'conflict', message: expect.stringMatching(new RegExp(`open by process ${child.pid} \\(sleep\\)`)) });
    child.kill('SIGKILL');
  });

  it('refuses a block device smaller than the image', async () => {
    const small = join(dir, 'small.img');
    makeImage(small, 'H'.repeat(8));
    const dev = attach(small);
    const e = await rejection(diskRestore({ snapshotId: fsId, imagePath: imageOf(fsId), target: dev, force: true }, makeCtx()));
    expect(e).toMatchObject({ code: 'bad-input', message: expect.stringMatching(/too small: 8388608 bytes, the image needs 33554432/) });
  });

  it('a full target disk fails with a clear message and leaves nothing there', async () => {
    const random = join(dir, 'random.img');
    makeImage(random, 'R'.repeat(12));
    const r = await diskBackup(input(random), makeCtx());
    const small = join(dir, 'tmpfs-small');
    mount('tmpfs', small, ['-t', 'tmpfs', '-o', 'size=6m']);
    const target = join(small, 'out.img');
    const e = await rejection(diskRestore({ snapshotId: r.snapshot.id, imagePath: imageOf(r.snapshot.id), target, force: false }, makeCtx()));
    expect(e).toMatchObject({ code: 'io', message: expect.stringMatching(/no space left on the disk holding the target .*out\.img; nothing was left/) });
    expect(readdirSync(small)).toEqual([]);
  });

  it('a full repository disk fails the backup clearly and leaves no image', async () => {
    const random = join(dir, 'random2.img');
    makeImage(random, 'R'.repeat(10));
    const small = join(dir, 'tmpfs-repo');
    mount('tmpfs', small, ['-t', 'tmpfs', '-o', 'size=4m']);
    const e = await rejection(diskBackup(input(random, { repo: small }), makeCtx()));
    expect(e).toMatchObject({ code: 'io', message: `no space left on the disk holding the image store ${small}; no snapshot was made` });
    expect(readdirSync(small)).toEqual([]);
  });

  it('a failed restore onto a device zeroes its first MiB so it never looks valid', async () => {
    const bytes = readFileSync(imageOf(fsId));
    const bad = join(dir, 'bad-sum.mirn');
    bytes.write('e'.repeat(64), bytes.indexOf('"checksum":"') + 12, 'latin1');
    writeFileSync(bad, bytes);
    const targetFile = join(dir, 'spoil.img');
    makeImage(targetFile, 'H'.repeat(32));
    const target = attach(targetFile);
    const e = await rejection(diskRestore({ snapshotId: fsId, imagePath: bad, target, force: true }, makeCtx()));
    expect(e.code).toBe('corrupt');
    expect(e.message).toMatch(/checksum mismatch.*device .* is incomplete: its first MiB was zeroed/);
    expect((await readDevice(target, MiB)).equals(Buffer.alloc(MiB))).toBe(true);
    // blkid exits 2 when it finds no filesystem signature: the half-written ext4 is not recognisable any more
    expect(() => sh('blkid', ['-p', target])).toThrow(/Command failed/);
  });
});
