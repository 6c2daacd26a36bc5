import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zfsDestroy, zfsRefresh, zfsRestore, zfsSnapshot } from '../../../electron/core/engines/zfs/jobs.js';
import { catalogProtections } from '../../../electron/core/engines/zfs/adapter.js';
import { runSync } from '../../../electron/core/engines/zfs/sync.js';
import type { Snapshot } from '../../../shared/domain.js';
import type { SnapshotRecord } from '../../../electron/core/jobs/types.js';
import { zfs } from '../../support/zfs.js';
import { jobCtx, mountpointOf, snapNames, startEnv, syncInput, type ZfsEnv } from './env.js';

let env: ZfsEnv;
let src: string;
let dst: string;
beforeAll(async () => {
  env = await startEnv();
  src = `${env.local.name}/docs`;
  dst = `${env.remote.name}/docs`;
  zfs('create', src);
  zfs('create', `${src}/my ds`);
}, 60_000);
afterAll(() => env?.stop());

const asSnapshot = (r: SnapshotRecord): Snapshot => ({ ...r, workload: 'w', pinned: false });

describe('zfs job handlers on real pools', () => {
  let records: SnapshotRecord[] = [];

  it('backup = recursive snapshot; refresh lists both sides with guid/createtxg/dataset meta', async () => {
    writeFileSync(join(mountpointOf(`${src}/my ds`), 'v.txt'), 'version 1');
    const base = syncInput(env, src, dst);
    const snap = await zfsSnapshot({ ...base, type: 'daily' }, jobCtx());
    expect(snap.name).toMatch(/^daily-\d{8}T\d{6}Z$/);
    expect(snap.summary).toContain('2 dataset(s)');
    expect(snap.catalog.upsertSnapshots!.map((r) => r.meta.dataset)).toEqual([src, `${src}/my ds`]);
    await runSync(base, jobCtx());
    const refreshed = await zfsRefresh(base, jobCtx());
    expect(refreshed).toMatchObject({ local: 2, remote: 2 });
    records = refreshed.catalog.upsertSnapshots!;
    expect(records.map((r) => r.location).sort()).toEqual(['local', 'local', 'remote', 'remote']);
    const local = records.find((r) => r.location === 'local' && r.meta.rel === 'my ds')!;
    const remote = records.find((r) => r.location === 'remote' && r.meta.rel === 'my ds')!;
    expect(local.meta.guid).toBe(remote.meta.guid);
    expect(local.id).not.toBe(remote.id);
    expect(local.type).toBe('daily');
    const prot = catalogProtections(records.map(asSnapshot));
    expect(prot.filter((p) => p.id === local.id).map((p) => p.reason)).toEqual(expect.arrayContaining(['oldest snapshot on local', 'earliest shared snapshot', 'latest shared snapshot']));
  }, 120_000);

  it('restore clones a local snapshot and receives a remote one back, always as a new dataset', async () => {
    writeFileSync(join(mountpointOf(`${src}/my ds`), 'v.txt'), 'version 2 (after the snapshot)');
    const local = records.find((r) => r.location === 'local' && r.meta.rel === 'my ds')!;
    const remote = records.find((r) => r.location === 'remote' && r.meta.rel === 'my ds')!;
    const base = syncInput(env, src, dst);
    const target = join(env.local.mountpoint, '..', 'restored-local');
    const a = await zfsRestore({ ...base, snapshot: { ...(local.meta as { dataset: string; name: string; guid: string }), location: 'local' }, target }, jobCtx());
    expect(a.dataset).toBe(`${src}/my ds-restore-${local.meta.name}`);
    expect(readFileSync(join(target, 'v.txt'), 'utf8')).toBe('version 1');
    const b = await zfsRestore({ ...base, snapshot: { ...(remote.meta as { dataset: string; name: string; guid: string }), location: 'remote' }, target: `${env.local.name}/from-remote` }, jobCtx());
    expect(b.dataset).toBe(`${env.local.name}/from-remote`);
    expect(readFileSync(join(mountpointOf(b.dataset), 'v.txt'), 'utf8')).toBe('version 1');
    await expect(zfsRestore({ ...base, snapshot: { ...(local.meta as { dataset: string; name: string; guid: string }), location: 'local' }, target: `${env.local.name}/from-remote` }, jobCtx())).rejects.toThrow(/already exists/);
    // the original is untouched
    expect(readFileSync(join(mountpointOf(`${src}/my ds`), 'v.txt'), 'utf8')).toBe('version 2 (after the snapshot)');
  }, 120_000);

  it('forget destroys exactly the listed snapshot, and refuses one recreated under the same name', async () => {
    const base = syncInput(env, src, dst);
    const r2 = await zfsSnapshot({ ...base, type: 'hourly' }, jobCtx());
    const rec = r2.catalog.upsertSnapshots!.find((r) => r.meta.rel === '')!;
    const target = { id: rec.id, location: 'local', dataset: src, name: r2.name, guid: String(rec.meta.guid) };
    // recreated by hand: same name, new guid
    zfs('destroy', `${src}@${r2.name}`);
    zfs('snapshot', `${src}@${r2.name}`);
    await expect(zfsDestroy({ ...base, snapshots: [target] }, jobCtx())).rejects.toThrow(/different snapshot/);
    expect(snapNames(src)).toContain(r2.name);
    const fresh = zfs('get', '-Hp', '-o', 'value', 'guid', `${src}@${r2.name}`).trim();
    const done = await zfsDestroy({ ...base, snapshots: [{ ...target, guid: fresh }] }, jobCtx());
    expect(done.catalog.removeSnapshots).toEqual([rec.id]);
    expect(snapNames(src)).not.toContain(r2.name);
    expect(snapNames(`${src}/my ds`)).toContain(r2.name); // only the listed dataset's snapshot
  }, 120_000);
});
