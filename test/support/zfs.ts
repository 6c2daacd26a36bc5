// zfs-fuse pools on sparse files for tests (ENVIRONMENT.md recipe). Pool names are unique to the run;
// only pools created here are destroyed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPool {
  name: string;
  mountpoint: string;
  destroy(): void;
}

export function zfs(...args: string[]): string {
  return execFileSync('zfs', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function ensureZfsFuse(): Promise<void> {
  if (spawnSync('which', ['zfs-fuse']).status !== 0) throw new Error('zfs-fuse is missing: apt-get install zfs-fuse (integration tests need a real ZFS)');
  if (spawnSync('pgrep', ['-x', 'zfs-fuse']).status !== 0) {
    // the daemon forks itself; its socket appears a moment later
    execFileSync('zfs-fuse');
  }
  for (let i = 0; i < 100; i++) {
    if (spawnSync('zpool', ['list', '-H'], { encoding: 'utf8' }).status === 0) return sweepOrphans();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('zfs-fuse did not come up: `zpool list` keeps failing');
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

let swept = false;
/**
 * Pools left by test processes that were killed before their cleanup ran (their names carry the
 * creator's pid): destroyed once per process, so they do not pile up in the shared daemon.
 * A pool whose creator still runs is never touched.
 */
function sweepOrphans(): void {
  if (swept) return;
  swept = true;
  const names = spawnSync('zpool', ['list', '-H', '-o', 'name'], { encoding: 'utf8', timeout: 30_000 }).stdout ?? '';
  for (const name of names.split('\n')) {
    const m = /^tm[a-z]+(\d+)x[0-9a-z]+$/.exec(name);
    if (m && !alive(Number(m[1]))) spawnSync('zpool', ['destroy', '-f', name], { timeout: 60_000 });
  }
}

let counter = 0;
export async function createPool(tag: string, sizeMiB = 256): Promise<TestPool> {
  await ensureZfsFuse();
  const name = `tm${tag}${process.pid}x${Date.now().toString(36)}${counter++}`;
  const dir = mkdtempSync(join(tmpdir(), `tidemark-pool-${name}-`));
  const img = join(dir, 'pool.img');
  execFileSync('truncate', ['-s', `${sizeMiB}M`, img]);
  execFileSync('zpool', ['create', '-m', join(dir, 'mnt'), name, img], { stdio: ['ignore', 'ignore', 'pipe'] });
  return {
    name,
    mountpoint: join(dir, 'mnt'),
    destroy() {
      // zfs-fuse reports a freshly used pool busy for a while: retry before giving up
      let gone = false;
      for (let i = 0; i < 40 && !gone; i++) {
        gone = spawnSync('zpool', ['destroy', '-f', name], { timeout: 60_000 }).status === 0 || spawnSync('zpool', ['list', '-H', name], { timeout: 60_000 }).status !== 0;
        if (!gone) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
      }
      // a pool that outlives its test is said out loud (the next run's sweep destroys it)
      if (!gone) process.stderr.write(`warning: zfs test pool ${name} is still busy and was left behind\n`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
