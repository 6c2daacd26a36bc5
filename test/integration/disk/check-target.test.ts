// The restore wizard's target report: every check with pass / fail / warn, on real files, a real loop
// device, a real mount, a real tmpfs and a real process holding the target open — and nothing written.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTarget, inspectTarget } from '../../../electron/core/engines/disk/checks.js';
import { makeImage, MiB, sh, tempDir } from './helpers.js';

if (process.getuid?.() !== 0) throw new Error('test/integration/disk/check-target.test.ts needs root (losetup, mount)');

let dir: string;
const loops: string[] = [];
const mounts: string[] = [];
const children: ChildProcess[] = [];
const IMAGE = 16 * MiB;

const statusOf = (checks: { id: string; status: string }[]) => Object.fromEntries(checks.map((c) => [c.id, c.status]));

beforeAll(() => {
  dir = tempDir('check');
});
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  for (const m of mounts) sh('umount', [m]);
  for (const l of loops) sh('losetup', ['-d', l]);
  rmSync(dir, { recursive: true, force: true });
});

describe('inspectTarget', () => {
  it('a new file in a writable folder: passes, with the free space checked', async () => {
    const r = await inspectTarget(join(dir, 'new.img'), IMAGE);
    expect(r).toMatchObject({ exists: false, device: false });
    expect(statusOf(r.checks)).toEqual({ exists: 'pass', space: 'pass' });
    expect(existsSync(join(dir, 'new.img'))).toBe(false);
  });

  it('a missing folder fails with the same sentence the restore job throws', async () => {
    const target = join(dir, 'nowhere', 'x.img');
    const r = await inspectTarget(target, IMAGE);
    expect(r.checks).toEqual([{ id: 'path', status: 'fail', code: 'not-found', text: `the folder ${join(dir, 'nowhere')} for the target does not exist` }]);
    await expect(checkTarget(target, true, IMAGE)).rejects.toMatchObject({ code: 'not-found', message: r.checks[0]!.text });
  });

  it('an existing idle file is a warning (needs force), every in-use check passes, and the file is untouched', async () => {
    const target = join(dir, 'old.img');
    writeFileSync(target, 'keep me');
    const before = statSync(target).mtimeMs;
    const r = await inspectTarget(target, IMAGE);
    expect(statusOf(r.checks)).toEqual({ exists: 'warn', mounted: 'pass', loop: 'pass', open: 'pass', space: 'pass' });
    await expect(checkTarget(target, false, IMAGE)).rejects.toThrow(/exists: pass --force/);
    await expect(checkTarget(target, true, IMAGE)).resolves.toEqual({ exists: true, device: false });
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect(statSync(target).mtimeMs).toBe(before);
  });

  it('a file open in another process fails the "open" check and names the process', async () => {
    const target = join(dir, 'busy.img');
    writeFileSync(target, 'x');
    const child = spawn('sh', ['-c', 'exec 3<"$0"; exec sleep 60', target], { stdio: 'ignore' });
    children.push(child);
    for (let i = 0; i < 100 && !existsSync(`/proc/${child.pid}/fd/3`); i++) await new Promise((r) => setTimeout(r, 20));
    const r = await inspectTarget(target, IMAGE);
    expect(statusOf(r.checks)).toMatchObject({ open: 'fail', mounted: 'pass', loop: 'pass' });
    expect(r.checks.find((c) => c.id === 'open')!.text).toMatch(new RegExp(`open by process ${child.pid} \\(sleep\\)`));
    child.kill('SIGKILL');
  });

  it('a file backing a loop device fails "loop"; the mounted device fails "mounted" and a too-small device fails "size"', async () => {
    const backing = join(dir, 'fs.img');
    makeImage(backing, 'H'.repeat(8));
    sh('mkfs.ext4', ['-q', '-F', backing]);
    const dev = sh('losetup', ['-f', '--show', backing]);
    loops.push(dev);
    const onFile = await inspectTarget(backing, IMAGE);
    expect(statusOf(onFile.checks)).toMatchObject({ loop: 'fail' });
    expect(onFile.checks.find((c) => c.id === 'loop')!.text).toMatch(/backs the loop device \/dev\/loop\d+/);

    const mnt = join(dir, 'mnt');
    mkdirSync(mnt);
    sh('mount', ['-o', 'ro', dev, mnt]);
    mounts.push(mnt);
    const onDev = await inspectTarget(dev, IMAGE);
    expect(onDev).toMatchObject({ exists: true, device: true });
    expect(statusOf(onDev.checks)).toEqual({ exists: 'warn', mounted: 'fail', loop: 'pass', open: 'pass', size: 'fail' });
    expect(onDev.checks.find((c) => c.id === 'size')!.text).toBe(`the target device ${dev} is too small: ${8 * MiB} bytes, the image needs ${IMAGE}`);
    sh('umount', [mnt]);
    mounts.pop();
    expect(statusOf((await inspectTarget(dev, 4 * MiB)).checks)).toEqual({ exists: 'warn', mounted: 'pass', loop: 'pass', open: 'pass', size: 'pass' });
  });

  it('too little free space for a file is a warning (holes need no space), not a refusal', async () => {
    const small = join(dir, 'tmpfs');
    mkdirSync(small);
    sh('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tidemark-check', small]);
    mounts.push(small);
    const r = await inspectTarget(join(small, 'big.img'), IMAGE);
    expect(r.checks.find((c) => c.id === 'space')).toMatchObject({ status: 'warn', text: expect.stringMatching(/^only .* free in .* for a 16(\.0)? MiB image/) });
    await expect(checkTarget(join(small, 'big.img'), false, IMAGE)).resolves.toEqual({ exists: false, device: false });
  });
});
