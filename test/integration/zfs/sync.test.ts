import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeCapabilities } from '../../../electron/core/engines/zfs/capabilities.js';
import { createSnapshot } from '../../../electron/core/engines/zfs/create.js';
import { LocalExecutor } from '../../../electron/core/engines/zfs/exec/local.js';
import { inventory } from '../../../electron/core/engines/zfs/inventory.js';
import { connectRemote } from '../../../electron/core/engines/zfs/session.js';
import { runSync } from '../../../electron/core/engines/zfs/sync.js';
import { zfs } from '../../support/zfs.js';
import { jobCtx, mountpointOf, snapNames, startEnv, syncInput, writeData, type ZfsEnv } from './env.js';

let env: ZfsEnv;
let src: string;
let dst: string;
const local = { exec: new LocalExecutor(), zfsPath: 'zfs' };

beforeAll(async () => {
  env = await startEnv();
  src = `${env.local.name}/data`;
  dst = `${env.remote.name}/backup`;
  zfs('create', src);
  zfs('create', `${src}/my ds`);
  zfs('create', `${src}/v1.0:x`);
}, 60_000);
afterAll(() => env?.stop());

describe('zfs on zfs-fuse through a loopback sshd', () => {
  it('probes zfs-fuse honestly: guid/createtxg/holds yes; list -p, send -nvP, recv -s/-u, ranges, bookmarks no', async () => {
    const caps = await probeCapabilities(local, src, `test-${Date.now()}`);
    expect(caps).toMatchObject({ guid: true, createtxg: true, holds: true, listParsable: false, sendDryRun: false, recvResumable: false, recvNoMount: false, destroyRange: false, destroyList: false, bookmarks: false });
    expect(caps.notes).toContain('an interrupted transfer starts over (no resume tokens)');
  });

  it('probes through SSH in one session: same answer; a wrong zfs path or a missing dataset is a clear error', async () => {
    const ssh = await connectRemote({ user: env.sshd.user, host: env.sshd.host, port: env.sshd.port, dataset: dst, identity: env.sshd.identity }, env.dataDir, env.sshd.hostFingerprint);
    try {
      const key = `ssh-${Date.now()}`;
      expect(await probeCapabilities({ exec: ssh, zfsPath: 'zfs' }, src, key)).toEqual(await probeCapabilities(local, src, `${key}-local`));
      await expect(probeCapabilities({ exec: ssh, zfsPath: '/nonexistent/zfs' }, src, `${key}-bad`)).rejects.toThrow(/zfs was not found on root@127\.0\.0\.1:\d+ \(tried "\/nonexistent\/zfs"\): set the full path/);
      await expect(probeCapabilities({ exec: ssh, zfsPath: 'zfs' }, `${env.remote.name}/nope`, `${key}-nope`)).rejects.toThrow(/nope.*does not exist|does not exist.*nope/);
    } finally {
      ssh.close();
    }
  });

  it('creates recursive snapshots named type-UTC, with a suffix for two in the same second', async () => {
    const at = new Date('2026-11-22T03:15:00Z');
    const a = await createSnapshot(local, src, 'hourly', at);
    const b = await createSnapshot(local, src, 'hourly', at);
    expect([a.name, b.name]).toEqual(['hourly-20261122T031500Z', 'hourly-20261122T031500Z-2']);
    expect(snapNames(`${src}/my ds`)).toEqual([a.name, b.name]);
    const inv = await inventory(local, src);
    expect(inv.datasets.map((d) => d.rel)).toEqual(['', 'my ds', 'v1.0:x']);
    const [s1, s2] = inv.datasets[0]!.snapshots;
    expect(s1!.createtxg).toBeLessThan(s2!.createtxg);
    expect(s1!.guid).toMatch(/^\d+$/);
  });

  it('first sync: full transfer of every dataset (a space, dots and colons in names; ZFS forbids quotes), contents equal', async () => {
    writeData(`${src}/my ds`, 'hello.txt', 'hello from a dataset with a space');
    await createSnapshot(local, src, 'daily', new Date('2026-11-22T04:00:00Z'));
    const ctx = jobCtx();
    const r = await runSync(syncInput(env, src, dst), ctx);
    expect(r.plan.valid).toBe(true);
    expect(r.execution.datasets.map((d) => [d.rel, d.status]), ctx.logs.join('\n')).toEqual([
      ['', 'done'],
      ['my ds', 'done'],
      ['v1.0:x', 'done'],
    ]);
    expect(r.plan.operations[0]).toMatchObject({ kind: 'initial-transfer', dataset: dst });
    expect(snapNames(`${dst}/my ds`)).toEqual(snapNames(`${src}/my ds`));
    expect(readFileSync(join(mountpointOf(`${dst}/my ds`), 'hello.txt'), 'utf8')).toBe('hello from a dataset with a space');
    expect(r.execution.bytes).toBeGreaterThan(0);
    // zfs-fuse has no -nvP: progress is bytes only (no total)
    expect(ctx.updates.some((u) => u.bytesDone > 0 && u.bytesTotal === undefined)).toBe(true);
    // capabilities are kept an hour in the data dir: the next job (a fresh worker) need not probe again
    const capsFile = JSON.parse(readFileSync(join(env.dataDir, 'zfs-capabilities.json'), 'utf8')) as Record<string, { caps: { recvResumable: boolean } }>;
    expect(Object.keys(capsFile).sort()).toEqual(['local zfs', `root@127.0.0.1:${env.sshd.port} zfs`]);
    expect(Object.values(capsFile).every((e) => e.caps.recvResumable === false)).toBe(true);
    const remoteRecords = r.catalog.upsertSnapshots!.filter((s) => s.location === 'remote');
    expect(remoteRecords.length).toBe(9);
    expect(remoteRecords[0]!.meta).toMatchObject({ guid: expect.stringMatching(/^\d+$/), dataset: expect.any(String) });
  }, 120_000);

  it('a missing local dataset is a clear error, even with cached capabilities', async () => {
    await expect(runSync(syncInput(env, `${env.local.name}/nope`, dst), jobCtx())).rejects.toThrow(/the local dataset .*\/nope does not exist/);
  });

  it('second sync: incremental, only what the remote policy wants, then prunes each side', async () => {
    for (let h = 5; h <= 8; h++) {
      writeData(`${src}/my ds`, `f${h}.txt`, `hour ${h}`);
      await createSnapshot(local, src, 'hourly', new Date(`2026-11-22T0${h}:00:00Z`));
    }
    await createSnapshot(local, src, 'daily', new Date('2026-11-22T09:00:00Z'));
    const input = syncInput(env, src, dst, { policy: { keepByType: { hourly: 2, daily: 5 } }, remotePolicy: { keepByType: { daily: 5 } } });
    const dry = await runSync({ ...input, dryRun: true }, jobCtx());
    expect(dry.execution.commands.join('\n')).toMatch(/zfs send -i .*@daily-20261122T040000Z .*@daily-20261122T090000Z/);
    expect(snapNames(dst)).not.toContain('daily-20261122T090000Z');

    const ctx = jobCtx();
    const r = await runSync(input, ctx);
    expect(r.plan.problems).toEqual([]);
    expect(r.execution.datasets.map((d) => d.status), ctx.logs.join('\n')).toEqual(['done', 'done', 'done']);
    // only daily snapshots were sent; the hourlies the remote already had were pruned except the protected oldest
    expect(snapNames(`${dst}/my ds`)).toEqual(['hourly-20261122T031500Z', 'daily-20261122T040000Z', 'daily-20261122T090000Z']);
    expect(snapNames(`${src}/my ds`)).toEqual(['hourly-20261122T031500Z', 'daily-20261122T040000Z', 'hourly-20261122T070000Z', 'hourly-20261122T080000Z', 'daily-20261122T090000Z']);
    expect(readFileSync(join(mountpointOf(`${dst}/my ds`), 'f8.txt'), 'utf8')).toBe('hour 8');

    const again = await runSync(input, jobCtx());
    expect(again.plan.operations).toEqual([]);
    expect(again.execution.datasets.every((d) => d.status === 'up-to-date')).toBe(true);
  }, 120_000);
});
