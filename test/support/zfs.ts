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
    if (spawnSync('zpool', ['list', '-H'], { encoding: 'utf8' }).status === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('zfs-fuse did not come up: `zpool list` keeps failing');
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
      // zfs-fuse reports a freshly used pool busy for a moment: retry before giving up
      for (let i = 0; i < 10; i++) {
        if (spawnSync('zpool', ['destroy', '-f', name]).status === 0) break;
        if (spawnSync('zpool', ['list', '-H', name]).status !== 0) break;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
