// The zfs CLI end to end (built dist/cli.js): host key pinning on `workload add`, per-dataset
// prune, plan and sync, on two zfs-fuse pools through the loopback sshd.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZfsPlan } from '../../../shared/contract/zfs.js';
import { tidemark, tidemarkJson } from '../../support/cli.js';
import { zfs } from '../../support/zfs.js';
import { snapNames, startEnv, type ZfsEnv } from './env.js';

let env: ZfsEnv;
let data: string;
let src: string;
let dst: string;
let remoteUrl: string;
const SUB = 'my sub';

beforeAll(async () => {
  env = await startEnv();
  data = mkdtempSync(join(tmpdir(), 'tidemark-zfs-cli-'));
  src = `${env.local.name}/data`;
  dst = `${env.remote.name}/backup`;
  zfs('create', src);
  zfs('create', `${src}/${SUB}`);
  remoteUrl = `ssh://${env.sshd.user}@${env.sshd.host}:${env.sshd.port}/${dst}`;
  writeFileSync(`${data}-policy.json`, JSON.stringify({ keepLast: 2 }));
}, 120_000);
afterAll(() => {
  env?.stop();
  if (data) for (const p of [data, `${data}-policy.json`]) rmSync(p, { recursive: true, force: true });
});

const add = (...extra: string[]) => tidemark(data, ['workload', 'add', 'tank', '--engine', 'zfs', '--dataset', src, '--remote', remoteUrl, '--identity', env.sshd.identity, '--policy', `${data}-policy.json`, ...extra]);
const workloads = () => tidemarkJson<{ name: string }[]>(data, ['workload', 'list']).map((w) => w.name);
const guidOf = (ds: string, snap: string) => zfs('get', '-Hp', '-o', 'value', 'guid', `${ds}@${snap}`).trim();

describe('tidemark CLI with a zfs workload', () => {
  it('workload add refuses an unknown host key, printing its fingerprint, and adds nothing', () => {
    const r = add();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`its fingerprint is ${env.sshd.hostFingerprint}`);
    expect(r.stderr).toContain(`--accept-host-key ${env.sshd.hostFingerprint}`);
    expect(r.stderr).toMatch(/the workload was not added/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(workloads()).toEqual([]);
    expect(existsSync(join(data, 'known_hosts'))).toBe(false);
  });

  it('refuses a fingerprint that is not the host’s, and a malformed one', () => {
    const wrong = `SHA256:${'A'.repeat(43)}`;
    const r = add('--accept-host-key', wrong);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`--accept-host-key ${wrong} does not match the host key of ${env.sshd.host}:${env.sshd.port}, which is ${env.sshd.hostFingerprint}`);
    expect(add('--accept-host-key', 'abc').code).toBe(2);
    expect(workloads()).toEqual([]);
    expect(existsSync(join(data, 'known_hosts'))).toBe(false);
  });

  it('with the right fingerprint pins the key and adds the workload; the pin is then reused', () => {
    const r = add('--accept-host-key', env.sshd.hostFingerprint);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/added zfs workload tank/);
    expect(readFileSync(join(data, 'known_hosts'), 'utf8')).toContain(`[${env.sshd.host}]:${env.sshd.port} `);
    expect(workloads()).toEqual(['tank']);
    const again = tidemark(data, ['zfs', 'test-connection', remoteUrl, '--identity', env.sshd.identity]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`host key ${env.sshd.hostFingerprint} (pinned)`);
  });

  it('prune applies the policy per dataset (a recursive snapshot is one per dataset, not one series)', () => {
    for (let i = 0; i < 4; i++) expect(tidemark(data, ['backup', 'tank', '--type', 'hourly']).code).toBe(0);
    const names = snapNames(src);
    expect(names).toHaveLength(4);
    expect(snapNames(`${src}/${SUB}`)).toEqual(names);
    // per dataset: the oldest is protected, keepLast 2 keeps the two newest, the second is deleted
    const doomed = [src, `${src}/${SUB}`].map((ds) => `zfs:local:${guidOf(ds, names[1]!)}`).sort();
    const preview = tidemarkJson<{ id: string; keep: boolean; reasons: string[] }[]>(data, ['prune', 'tank', '--dry-run']);
    expect(preview).toHaveLength(8);
    expect(preview.filter((i) => !i.keep).map((i) => i.id).sort()).toEqual(doomed);

    const r = tidemark(data, ['prune', 'tank']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const left = [names[0], names[2], names[3]];
    expect(snapNames(src)).toEqual(left);
    expect(snapNames(`${src}/${SUB}`)).toEqual(left);
  });

  it('plan --json shows every dataset with its reasons; sync replicates them, the space included', () => {
    const p = tidemarkJson<ZfsPlan>(data, ['plan', 'tank']);
    expect(p.valid).toBe(true);
    expect(p.datasets.map((d) => d.remote)).toEqual([dst, `${dst}/${SUB}`]);
    expect(p.operations.every((o) => o.reason.length > 0)).toBe(true);
    const r = tidemark(data, ['sync', 'tank']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\(root\): done/);
    expect(r.stdout).toContain(`${SUB}: done`);
    const newest = snapNames(src).at(-1)!;
    expect(snapNames(`${dst}/${SUB}`).at(-1)).toBe(newest);
    expect(guidOf(`${dst}/${SUB}`, newest)).toBe(guidOf(`${src}/${SUB}`, newest));
    expect(tidemarkJson<ZfsPlan>(data, ['plan', 'tank']).operations).toEqual([]);
  });
});
