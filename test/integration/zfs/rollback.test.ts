// The restore wizard's zfs back end on a real zfs-fuse pool: the rollback destroy list, its consent
// hash, and restore as a dataset/mount point the user chose.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalExecutor } from '../../../electron/core/engines/zfs/exec/local.js';
import { snapshotId } from '../../../electron/core/engines/zfs/records.js';
import { zfsRestoreAs } from '../../../electron/core/engines/zfs/restore-as.js';
import { previewRollback, zfsRollback, type ZfsRollbackInput } from '../../../electron/core/engines/zfs/rollback.js';
import { createPool, zfs, type TestPool } from '../../support/zfs.js';
import { jobCtx, mountpointOf, snapNames } from './env.js';

let pool: TestPool;
let ds: string;
let dataDir: string;
const host = { exec: new LocalExecutor(), zfsPath: 'zfs' };
const guid = (full: string) => zfs('get', '-Hp', '-o', 'value', 'guid', full).trim();
/** zfs-fuse reports a just-mounted clone busy for a moment */
async function destroyRetrying(name: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      return void zfs('destroy', name);
    } catch (e) {
      if (i >= 20) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
const file = () => readFileSync(join(mountpointOf(ds), 'notes.txt'), 'utf8');

beforeAll(async () => {
  pool = await createPool('rb');
  ds = `${pool.name}/my data`;
  dataDir = mkdtempSync(join(tmpdir(), 'tidemark-rollback-'));
  zfs('create', ds);
  for (const v of ['v1', 'v2', 'v3', 'v4']) {
    writeFileSync(join(mountpointOf(ds), 'notes.txt'), `${v}\n`);
    zfs('snapshot', `${ds}@snap-${v}`);
  }
  writeFileSync(join(mountpointOf(ds), 'notes.txt'), 'v5, never snapshotted\n');
}, 60_000);
afterAll(() => {
  pool?.destroy();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const input = (snapshot: string, consent: string, dataset = ds): ZfsRollbackInput => ({
  workloadId: 'w1',
  workloadName: 'w',
  config: { dataset: pool.name },
  policy: {},
  dataDir,
  dataset,
  snapshot,
  consent,
});

describe('zfs rollback on a real pool', () => {
  it('the preview lists exactly the newer snapshots, with their guids, and changes nothing', async () => {
    const p = await previewRollback(host, ds, 'snap-v2');
    expect(p.snapshot).toMatchObject({ name: 'snap-v2', guid: guid(`${ds}@snap-v2`) });
    expect(p.newer.map((s) => [s.name, s.guid])).toEqual([
      ['snap-v3', guid(`${ds}@snap-v3`)],
      ['snap-v4', guid(`${ds}@snap-v4`)],
    ]);
    expect(p.clones).toEqual([]);
    expect(p.blocked).toBeNull();
    expect(p.hash).toMatch(/^sha256:[0-9a-f]{32}$/);
    // zfs-fuse has no written@ property: the preview says so (null) rather than inventing a number
    expect(p.writtenBytes === null || p.writtenBytes > 0).toBe(true);
    expect(p.referencedNowBytes).toBeGreaterThan(0);
    expect((await previewRollback(host, ds, 'snap-v2')).hash).toBe(p.hash);
    expect(snapNames(ds)).toEqual(['snap-v1', 'snap-v2', 'snap-v3', 'snap-v4']);
    expect((await previewRollback(host, ds, 'snap-v4')).newer).toEqual([]);
  });

  it('refuses a snapshot that does not exist and a dataset outside the workload', async () => {
    await expect(previewRollback(host, ds, 'nope')).rejects.toMatchObject({ code: 'not-found' });
    await expect(zfsRollback({ ...input('snap-v2', 'sha256:' + '0'.repeat(32)), config: { dataset: `${pool.name}/other` } }, jobCtx())).rejects.toThrow(/is not part of this workload/);
  });

  it('a clone of a newer snapshot blocks the rollback (no -R) and is listed', async () => {
    zfs('clone', `${ds}@snap-v4`, `${pool.name}/clone4`);
    try {
      const p = await previewRollback(host, ds, 'snap-v2');
      expect(p.clones).toEqual([{ name: `${pool.name}/clone4`, origin: `${ds}@snap-v4` }]);
      expect(p.blocked).toMatch(/clone4 was cloned from a newer snapshot/);
      await expect(zfsRollback(input('snap-v2', p.hash), jobCtx())).rejects.toMatchObject({ code: 'conflict' });
      expect(snapNames(ds)).toEqual(['snap-v1', 'snap-v2', 'snap-v3', 'snap-v4']);
    } finally {
      await destroyRetrying(`${pool.name}/clone4`);
    }
  });

  it('a consent given before a new snapshot appeared is refused, and nothing changes', async () => {
    const stale = (await previewRollback(host, ds, 'snap-v2')).hash;
    zfs('snapshot', `${ds}@snap-late`);
    await expect(zfsRollback(input('snap-v2', stale), jobCtx())).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/changed since you reviewed/) });
    expect(snapNames(ds)).toEqual(['snap-v1', 'snap-v2', 'snap-v3', 'snap-v4', 'snap-late']);
    expect(file()).toBe('v5, never snapshotted\n');
  });

  it('rolls back with a fresh consent: newer snapshots destroyed, data as at the snapshot, catalog told', async () => {
    const p = await previewRollback(host, ds, 'snap-v2');
    expect(p.newer.map((s) => s.name)).toEqual(['snap-v3', 'snap-v4', 'snap-late']);
    const r = await zfsRollback(input('snap-v2', p.hash), jobCtx());
    expect(r.destroyed).toEqual(['snap-v3', 'snap-v4', 'snap-late']);
    expect(r.catalog.removeSnapshots).toEqual(p.newer.map((s) => snapshotId('local', s.guid)));
    expect(snapNames(ds)).toEqual(['snap-v1', 'snap-v2']);
    expect(file()).toBe('v2\n');
  });
});

describe('zfs restore as a chosen dataset', () => {
  it('clones a local snapshot as the named dataset, mounted at the chosen folder', async () => {
    const mount = join(pool.mountpoint, '..', 'restored here');
    const snapshot = { location: 'local', dataset: ds, name: 'snap-v1', guid: guid(`${ds}@snap-v1`) };
    const base = { workloadId: 'w1', workloadName: 'w', config: { dataset: pool.name }, policy: {}, dataDir };
    const r = await zfsRestoreAs({ ...base, snapshot, dataset: `${pool.name}/old notes`, mountpoint: mount }, jobCtx());
    expect(r).toMatchObject({ dataset: `${pool.name}/old notes`, mountpoint: mount, method: 'clone' });
    expect(readFileSync(join(mount, 'notes.txt'), 'utf8')).toBe('v1\n');
    expect(file()).toBe('v2\n');
    await expect(zfsRestoreAs({ ...base, snapshot, dataset: `${pool.name}/old notes` }, jobCtx())).rejects.toMatchObject({ code: 'conflict' });
  });
});
