import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createSnapshot } from '../../../electron/core/engines/zfs/create.js';
import { LocalExecutor } from '../../../electron/core/engines/zfs/exec/local.js';
import { executePlan } from '../../../electron/core/engines/zfs/execute.js';
import { openSides } from '../../../electron/core/engines/zfs/session.js';
import { inventories, planFor, runSync } from '../../../electron/core/engines/zfs/sync.js';
import { createPool, zfs, type TestPool } from '../../support/zfs.js';
import { startSshd, type TestSshd } from '../../support/sshd.js';
import { jobCtx, mountpointOf, snapNames, syncInput, writeData, type ZfsEnv } from './env.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const SUB = 'my sub';
let sshd: TestSshd;
let dataDir: string;
const pools: TestPool[] = [];
const local = { exec: new LocalExecutor(), zfsPath: 'zfs' };

beforeAll(async () => {
  sshd = await startSshd();
  dataDir = mkdtempSync(join(tmpdir(), 'tidemark-zfs-faults-'));
});
afterEach(() => {
  while (pools.length) pools.pop()!.destroy();
});
afterAll(() => {
  sshd?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A local pool with `data` and `data/my sub` (a space: every fault also crosses the SSH quoting), a remote pool, and the env shape syncInput wants. */
async function setup(remoteMiB = 256, localMiB = 256) {
  const l = await createPool('fl', localMiB);
  pools.push(l);
  const r = await createPool('fr', remoteMiB);
  pools.push(r);
  zfs('create', `${l.name}/data`);
  zfs('create', `${l.name}/data/${SUB}`);
  const env = { sshd, local: l, remote: r, dataDir, stop() {} } as ZfsEnv;
  return { env, src: `${l.name}/data`, dst: `${r.name}/backup` };
}

function randomFile(ds: string, name: string, mib: number) {
  execFileSync('sh', ['-c', `head -c ${mib}M /dev/urandom > "$1"`, 'sh', join(mountpointOf(ds), name)]);
}

describe('zfs faults', () => {
  it('ssh connection dropped mid-transfer: remote left at its previous snapshot, the next sync completes', async () => {
    const { env, src, dst } = await setup(512, 512);
    writeData(src, 'a.txt', 'first');
    await createSnapshot(local, src, 'hourly', new Date('2026-11-22T01:00:00Z'));
    expect((await runSync(syncInput(env, src, dst), jobCtx())).execution.datasets.every((d) => d.status === 'done')).toBe(true);

    randomFile(src, 'big.bin', 160);
    await createSnapshot(local, src, 'hourly', new Date('2026-11-22T02:00:00Z'));
    const ctx = jobCtx();
    let dropped = 0;
    const progress = ctx.progress;
    ctx.progress = (u) => {
      progress(u);
      if (!dropped && u.bytesDone > 8 << 20) dropped = sshd.dropSessions();
    };
    const r = await runSync(syncInput(env, src, dst), ctx);
    expect(dropped).toBeGreaterThan(0);
    const root = r.execution.datasets.find((d) => d.rel === '')!;
    expect(root.status).toBe('failed');
    expect(root.message).toMatch(/connection|closed|interrupted/i);
    // consistent: exactly the snapshot it had, no partial state, old data readable
    expect(snapNames(dst)).toEqual(['hourly-20261122T010000Z']);
    expect(readFileSync(join(mountpointOf(dst), 'a.txt'), 'utf8')).toBe('first');

    const again = await runSync(syncInput(env, src, dst), jobCtx());
    expect(again.execution.datasets.map((d) => d.status)).toEqual(['done', 'done']);
    expect(snapNames(dst)).toEqual(['hourly-20261122T010000Z', 'hourly-20261122T020000Z']);
    const sum = (ds: string) => execFileSync('sha256sum', [join(mountpointOf(ds), 'big.bin')], { encoding: 'utf8' }).split(' ')[0];
    expect(sum(dst)).toBe(sum(src));
  }, 300_000);

  it('remote pool full: the receive fails with a clear message, the remote keeps its snapshots, the local side is untouched', async () => {
    const { env, src, dst } = await setup(64, 512);
    writeData(src, 'a.txt', 'small');
    await createSnapshot(local, src, 'hourly', new Date('2026-11-22T01:00:00Z'));
    await runSync(syncInput(env, src, dst), jobCtx());
    randomFile(src, 'big.bin', 120);
    await createSnapshot(local, src, 'hourly', new Date('2026-11-22T02:00:00Z'));
    const before = snapNames(src);
    const r = await runSync(syncInput(env, src, dst, { policy: { keepLast: 1 } }), jobCtx());
    const root = r.execution.datasets.find((d) => d.rel === '')!;
    expect(root.status).toBe('failed');
    expect(root.message).toMatch(/full|space/i);
    expect(snapNames(dst)).toEqual(['hourly-20261122T010000Z']);
    // the local prune of that dataset did not run after the failed transfer
    expect(snapNames(src)).toEqual(before);
  }, 300_000);

  it('a snapshot deleted by hand between plan and execute stops that dataset only, destroying nothing', async () => {
    const { env, src, dst } = await setup();
    for (let h = 1; h <= 3; h++) await createSnapshot(local, src, 'hourly', new Date(`2026-11-22T0${h}:00:00Z`));
    const input = syncInput(env, src, dst, { policy: { keepLast: 1 }, remotePolicy: {} });
    const sides = await openSides(input.config, dataDir, input.acceptHostKey);
    try {
      const plan = planFor(input, await inventories(sides, input.config), sides);
      expect(plan.valid).toBe(true);
      zfs('destroy', `${src}/${SUB}@hourly-20261122T020000Z`); // by hand, after planning
      const ctx = jobCtx();
      const r = await executePlan(plan, { local: sides.local, remote: sides.remote, localRoot: src, dryRun: false, ctx });
      expect(r.datasets.map((d) => [d.rel, d.status])).toEqual([
        ['', 'done'],
        [SUB, 'failed'],
      ]);
      expect(r.datasets[1]!.message).toMatch(/hourly-20261122T020000Z was deleted since the plan was made/);
      expect(snapNames(`${src}/${SUB}`)).toEqual(['hourly-20261122T010000Z', 'hourly-20261122T030000Z']);
      // its initial transfer (hourly-01, untouched) ran; the range needing hourly-02 did not
      expect(snapNames(`${dst}/${SUB}`)).toEqual(['hourly-20261122T010000Z']);
    } finally {
      sides.close();
    }
    const again = await runSync(input, jobCtx());
    expect(again.execution.datasets.map((d) => d.status)).toEqual(['up-to-date', 'done']);
    expect(snapNames(`${dst}/${SUB}`)).toEqual(['hourly-20261122T010000Z', 'hourly-20261122T030000Z']);
  }, 300_000);

  it('a remote snapshot recreated under an old name (other guid): needs consent, then exactly the listed snapshot is destroyed', async () => {
    const { env, src, dst } = await setup();
    await createSnapshot(local, src, 'hourly', new Date('2026-11-22T01:00:00Z'));
    await createSnapshot(local, src, 'hourly', new Date('2026-11-22T02:00:00Z'));
    await runSync(syncInput(env, src, dst), jobCtx());
    // on the remote, someone destroys hourly-02 and snapshots again under the same name
    zfs('destroy', '-r', `${dst}@hourly-20261122T020000Z`);
    zfs('snapshot', '-r', `${dst}@hourly-20261122T020000Z`);
    await createSnapshot(local, src, 'hourly', new Date('2026-11-22T03:00:00Z'));
    const oldGuid = zfs('get', '-Hp', '-o', 'value', 'guid', `${dst}@hourly-20261122T020000Z`).trim();

    const first = await runSync(syncInput(env, src, dst), jobCtx());
    expect(first.plan.consent?.destroys).toEqual([
      { dataset: dst, snapshots: ['hourly-20261122T020000Z'] },
      { dataset: `${dst}/${SUB}`, snapshots: ['hourly-20261122T020000Z'] },
    ]);
    expect(first.execution.datasets.map((d) => d.status)).toEqual(['needs-consent', 'needs-consent']);
    expect(zfs('get', '-Hp', '-o', 'value', 'guid', `${dst}@hourly-20261122T020000Z`).trim()).toBe(oldGuid);

    await expect(runSync(syncInput(env, src, dst, { consent: 'sha256:00000000000000000000000000000000' }), jobCtx())).rejects.toThrow(/consent was for plan/);

    const ok = await runSync(syncInput(env, src, dst, { consent: first.plan.hash }), jobCtx());
    expect(ok.execution.datasets.map((d) => d.status)).toEqual(['done', 'done']);
    expect(snapNames(dst)).toEqual(['hourly-20261122T010000Z', 'hourly-20261122T020000Z', 'hourly-20261122T030000Z']);
    const localGuid = zfs('get', '-Hp', '-o', 'value', 'guid', `${src}@hourly-20261122T020000Z`).trim();
    expect(zfs('get', '-Hp', '-o', 'value', 'guid', `${dst}@hourly-20261122T020000Z`).trim()).toBe(localGuid);
  }, 300_000);

  it('two snapshots in the same second replicate in creation order', async () => {
    const { env, src, dst } = await setup();
    const at = new Date('2026-11-22T05:00:00Z');
    for (let i = 0; i < 3; i++) await createSnapshot(local, src, 'hourly', at);
    const r = await runSync(syncInput(env, src, dst, { remotePolicy: { keepLast: 2 } }), jobCtx());
    expect(r.plan.valid).toBe(true);
    // the remote's keepLast 2 wants the two newest by createtxg (not by name or second): -2 and -3
    expect(snapNames(dst)).toEqual(['hourly-20261122T050000Z-2', 'hourly-20261122T050000Z-3']);
    expect(snapNames(src)).toEqual(['hourly-20261122T050000Z', 'hourly-20261122T050000Z-2', 'hourly-20261122T050000Z-3']);
  }, 300_000);
});
