// Issue 8 items 4-5 in a real Chromium against `tidemark serve`, real engines behind it: the zfs wizard
// restores as a new dataset (clone, and receive back over a loopback sshd) and rolls back only behind
// the destroy list and a typed confirmation; the disk wizard shows its target checks before anything is
// written, refuses a target in use, and restores a new file with its checksum verified.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tidemark } from '../support/cli.js';
import { callOnce, startServe, type Served } from '../support/serve.js';
import { startSshd, type TestSshd } from '../support/sshd.js';
import { createPool, zfs, type TestPool } from '../support/zfs.js';

const SHOTS = join(process.cwd(), 'test-output', 'screenshots');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

let root: string;
let dataDir: string;
let served: Served;
let browser: Browser;
let page: Page;
let pool: TestPool;
let remotePool: TestPool;
let sshd: TestSshd;
const children: ChildProcess[] = [];

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const nav = (view: string) => page.getByTestId(`nav-${view}`).click();
const row = (name: string) => page.locator(`[data-testid="workload-row"][data-workload="${name}"]`);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const snapNames = (ds: string) =>
  zfs('list', '-H', '-r', '-d', '1', '-t', 'snapshot', '-o', 'name', '-s', 'createtxg', ds)
    .split('\n')
    .filter((l) => l.startsWith(`${ds}@`))
    .map((l) => l.slice(ds.length + 1));
const mountOf = (ds: string) => zfs('get', '-H', '-o', 'value', 'mountpoint', ds).trim();

function cli(args: string[]): string {
  const r = tidemark(dataDir, args);
  if (r.code !== 0) throw new Error(`tidemark ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** One contract call from Node over the host's WebSocket, as a hostile page could make it. */
const call = (method: string, input: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } }> => callOnce(served, method, input);

function openWizard(workload: string, testId: string) {
  return (async () => {
    await nav('workloads');
    await row(workload).getByTestId('action-restore').click();
    const wizard = page.getByTestId(testId);
    await wizard.waitFor();
    await wizard.getByTestId('wizard-snapshot').first().waitFor();
    return wizard;
  })();
}

beforeAll(async () => {
  for (const f of ['dist/cli.js', 'dist/worker.js', 'dist/renderer/index.html'])
    if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run build\` before the e2e tests`);
  mkdirSync(SHOTS, { recursive: true });
  root = mkdtempSync(join(tmpdir(), 'tm-ui-restore-'));
  dataDir = join(root, 'data');

  // zfs: a replicated dataset with two versions of a file, and a throwaway dataset to roll back
  pool = await createPool('rzl');
  remotePool = await createPool('rzr');
  sshd = await startSshd();
  zfs('create', `${pool.name}/data`);
  zfs('create', `${pool.name}/scratch`);
  const tank = mountOf(`${pool.name}/data`);
  writeFileSync(join(tank, 'report.txt'), 'version 1\n');
  cli(['workload', 'add', 'tank', '--engine', 'zfs', '--dataset', `${pool.name}/data`, '--remote', `ssh://${sshd.user}@${sshd.host}:${sshd.port}/${remotePool.name}/backup`, '--identity', sshd.identity, '--accept-host-key', sshd.hostFingerprint]);
  cli(['backup', 'tank', '--type', 'daily']);
  cli(['sync', 'tank']);
  writeFileSync(join(tank, 'report.txt'), 'version 2\n');
  cli(['backup', 'tank', '--type', 'hourly']);
  const scratch = mountOf(`${pool.name}/scratch`);
  cli(['workload', 'add', 'scratch', '--engine', 'zfs', '--dataset', `${pool.name}/scratch`]);
  for (const v of ['one', 'two', 'three']) {
    writeFileSync(join(scratch, 'state.txt'), `${v}\n`);
    cli(['backup', 'scratch', '--type', 'hourly']);
  }
  writeFileSync(join(scratch, 'state.txt'), 'four (never snapshotted)\n');

  // disk: a sparse image with data at three places
  const img = join(root, 'vm.img');
  spawnSync('truncate', ['-s', '64M', img]);
  const fd = openSync(img, 'r+');
  for (const off of [0, 20, 60]) writeSync(fd, randomBytes(1 << 20), 0, 1 << 20, off << 20);
  closeSync(fd);
  cli(['workload', 'add', 'vm', '--engine', 'disk', '--image', img]);
  cli(['backup', 'vm']);

  served = await startServe({ dataDir });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await page.goto(served.url);
  await row('tank').waitFor();
}, 180_000);

// a failed step leaves its wizard open over the page: close it so the next test starts clean
afterEach(async () => {
  if (page && (await page.locator('dialog[open]').count())) await page.keyboard.press('Escape');
});

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await browser?.close();
  await served?.stop();
  sshd?.stop();
  for (const p of [pool, remotePool]) {
    if (!p) continue;
    for (let i = 0; i < 50 && spawnSync('zpool', ['list', p.name]).status === 0; i++) {
      spawnSync('zpool', ['destroy', '-f', p.name]);
      if (spawnSync('zpool', ['list', p.name]).status === 0) await new Promise((r) => setTimeout(r, 200));
    }
    p.destroy();
  }
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('zfs restore wizard', () => {
  it('restores a local snapshot as a new dataset mounted where the user chose, the original untouched', async () => {
    const ds = `${pool.name}/data`;
    const [daily] = snapNames(ds);
    const wizard = await openWizard('tank', 'zfs-restore-wizard');
    // both lanes are offered; the older local snapshot holds version 1
    expect(await wizard.locator('[data-testid="wizard-snapshot"]').filter({ hasText: 'remote' }).count()).toBeGreaterThan(0);
    const pick = wizard.locator('[data-testid="wizard-snapshot"]').filter({ has: page.getByText(daily!, { exact: true }) }).filter({ hasText: 'local' });
    await pick.click();
    await shot('restore-zfs-01-pick');
    await wizard.getByTestId('wizard-next').click();
    const name = wizard.getByTestId('zfs-new-name');
    expect(await name.inputValue()).toBe(`${ds}-restore-${daily}`);
    await name.fill(`${pool.name}/report-v1`);
    await wizard.getByTestId('zfs-mount-custom').click();
    // ZFS would not mount over a folder with files in it: refused by the server, with nothing created
    await wizard.getByTestId('zfs-mountpoint').fill(root);
    await expect.poll(() => wizard.getByTestId('wizard-run').isEnabled(), { timeout: 10_000 }).toBe(true);
    await wizard.getByTestId('wizard-run').click();
    await expect.poll(() => wizard.getByTestId('wizard-error').textContent().catch(() => '')).toMatch(/is not empty/);
    expect(spawnSync('zfs', ['list', `${pool.name}/report-v1`]).status).not.toBe(0);
    const mount = join(root, 'report-v1');
    await wizard.getByTestId('zfs-mountpoint').fill(mount);
    await expect.poll(() => wizard.getByTestId('wizard-run').isEnabled(), { timeout: 10_000 }).toBe(true);
    await wizard.getByTestId('zfs-mountpoint').blur();
    await shot('restore-zfs-02-new-dataset');
    await wizard.getByTestId('wizard-run').click();
    await wizard.getByTestId('wizard-result').waitFor({ timeout: 120_000 });
    expect(await wizard.getByTestId('result-dataset').textContent()).toBe(`${pool.name}/report-v1`);
    expect(await wizard.getByTestId('result-mountpoint').textContent()).toBe(mount);
    await shot('restore-zfs-03-result');
    expect(readFileSync(join(mount, 'report.txt'), 'utf8')).toBe('version 1\n');
    expect(readFileSync(join(mountOf(ds), 'report.txt'), 'utf8')).toBe('version 2\n');
    await wizard.getByTestId('wizard-close').click();
    await wizard.waitFor({ state: 'detached' });
  }, 180_000);

  it('receives a remote snapshot back as a new dataset', async () => {
    const wizard = await openWizard('tank', 'zfs-restore-wizard');
    await wizard.locator('[data-testid="wizard-snapshot"]').filter({ hasText: 'remote' }).first().click();
    await wizard.getByTestId('wizard-next').click();
    // the replica is never rolled back
    expect(await wizard.getByTestId('mode-rollback').isDisabled()).toBe(true);
    await wizard.getByTestId('zfs-new-name').fill(`${pool.name}/from-remote`);
    await shot('restore-zfs-04-remote');
    await wizard.getByTestId('wizard-run').click();
    await wizard.getByTestId('wizard-result').waitFor({ timeout: 120_000 });
    expect(await wizard.getByTestId('wizard-result').textContent()).toMatch(/received back from the remote/);
    await shot('restore-zfs-05-remote-result');
    expect(readFileSync(join(mountOf(`${pool.name}/from-remote`), 'report.txt'), 'utf8')).toBe('version 1\n');
    await wizard.getByTestId('wizard-close').click();
  }, 180_000);

  it('rolls back only after listing exactly the newer snapshots and the typed dataset name', async () => {
    const ds = `${pool.name}/scratch`;
    const names = snapNames(ds);
    expect(names).toHaveLength(3);
    const wizard = await openWizard('scratch', 'zfs-restore-wizard');
    // exact: two snapshots of the same second are `X` and `X-2`
    await wizard.locator('[data-testid="wizard-snapshot"]').filter({ has: page.getByText(names[0]!, { exact: true }) }).click();
    await wizard.getByTestId('wizard-next').click();
    await wizard.getByTestId('mode-rollback').click();
    const preview = wizard.getByTestId('rollback-preview');
    await preview.waitFor({ timeout: 30_000 });
    const listed = await preview.getByTestId('rollback-snapshot').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    expect(listed).toEqual(names.slice(1));
    expect(await preview.getByTestId('rollback-changes').textContent()).toMatch(/every change made to .*scratch since this snapshot|written to/);
    const run = wizard.getByTestId('wizard-run');
    expect(await run.isDisabled()).toBe(true);
    await wizard.getByTestId('rollback-confirm').fill('scratch');
    expect(await run.isDisabled()).toBe(true);
    await shot('restore-zfs-06-rollback-warning');
    await wizard.getByTestId('rollback-confirm').fill(ds);
    await expect.poll(() => run.isEnabled()).toBe(true);
    await shot('restore-zfs-07-rollback-confirmed');
    expect(snapNames(ds)).toEqual(names); // nothing happened before the click
    // a snapshot taken after the review makes the consent stale: refused, the list shown again
    zfs('snapshot', `${ds}@taken-meanwhile`);
    await run.click();
    await expect.poll(() => wizard.getByTestId('wizard-error').textContent().catch(() => '')).toMatch(/changed since you reviewed the rollback/);
    await expect
      .poll(() => wizard.getByTestId('rollback-snapshot').evaluateAll((els) => els.map((e) => e.getAttribute('data-name'))), { timeout: 30_000 })
      .toEqual([...names.slice(1), 'taken-meanwhile']);
    expect(await wizard.getByTestId('rollback-confirm').inputValue()).toBe('');
    expect(snapNames(ds)).toEqual([...names, 'taken-meanwhile']);
    await shot('restore-zfs-07b-rollback-stale-refused');
    await wizard.getByTestId('rollback-confirm').fill(ds);
    await run.click();
    await wizard.getByTestId('wizard-result').waitFor({ timeout: 120_000 });
    expect(await wizard.getByTestId('wizard-result').textContent()).toContain(`Destroyed 3 newer snapshot(s): ${[...names.slice(1), 'taken-meanwhile'].join(', ')}`);
    await shot('restore-zfs-08-rollback-result');
    expect(snapNames(ds)).toEqual([names[0]]);
    expect(readFileSync(join(mountOf(ds), 'state.txt'), 'utf8')).toBe('one\n');
    await wizard.getByTestId('wizard-close').click();
  }, 180_000);
});

describe('disk restore wizard', () => {
  it('shows the target checks before writing, then restores a new file with its checksum verified', async () => {
    const wizard = await openWizard('vm', 'disk-restore-wizard');
    await shot('restore-disk-01-pick');
    await wizard.getByTestId('wizard-next').click();
    const target = join(root, 'vm-restored.img');
    await wizard.getByTestId('disk-target').fill(target);
    const checks = wizard.getByTestId('target-checks');
    await checks.waitFor({ timeout: 15_000 });
    expect(await checks.getByTestId('target-check').evaluateAll((els) => els.map((e) => [e.getAttribute('data-check'), e.getAttribute('data-status')]))).toEqual([
      ['exists', 'pass'],
      ['space', 'pass'],
    ]);
    expect(existsSync(target)).toBe(false);
    await wizard.getByTestId('disk-target').blur();
    await shot('restore-disk-02-target-checked');
    await wizard.getByTestId('wizard-run').click();
    // a 64 MiB image restores in a blink: catch the progress if it is still showing
    if (await wizard.getByTestId('wizard-running').waitFor({ timeout: 300 }).then(() => true, () => false)) await shot('restore-disk-03a-running');
    await wizard.getByTestId('wizard-result').waitFor({ timeout: 120_000 });
    const original = readFileSync(join(root, 'vm.img'));
    expect(await wizard.getByTestId('result-checksum').textContent()).toBe(sha256(original));
    expect(await wizard.getByTestId('result-verified').textContent()).toMatch(/^yes/);
    await shot('restore-disk-03-result');
    expect(readFileSync(target).equals(original)).toBe(true);
    await wizard.getByTestId('wizard-close').click();
  }, 180_000);

  it('refuses a target another process has open, from the timeline’s details, before anything is written', async () => {
    const busy = join(root, 'busy.img');
    writeFileSync(busy, 'in use by a VM');
    const child = spawn('sh', ['-c', 'exec 3<>"$0"; exec sleep 120', busy], { stdio: 'ignore' });
    children.push(child);
    for (let i = 0; i < 100 && !existsSync(`/proc/${child.pid}/fd/3`); i++) await new Promise((r) => setTimeout(r, 20));
    await nav('workloads');
    await row('vm').getByTestId('action-timeline').click();
    await page.getByTestId('timeline-chart').waitFor();
    await page.getByTestId('zoom-day').click();
    await page.getByTestId('timeline-marker').last().click();
    await page.getByTestId('snapshot-details').getByTestId('restore-open').click();
    const wizard = page.getByTestId('disk-restore-wizard');
    await wizard.waitFor();
    await wizard.getByTestId('wizard-next').click();
    await wizard.getByTestId('disk-target').fill(busy);
    await wizard.getByTestId('target-checks').waitFor({ timeout: 15_000 });
    expect(await wizard.getByTestId('target-verdict').textContent()).toMatch(/^Refused/);
    const open = wizard.locator('[data-testid="target-check"][data-check="open"]');
    expect(await open.getAttribute('data-status')).toBe('fail');
    expect(await open.textContent()).toMatch(new RegExp(`open by process ${child.pid} \\(sleep\\)`));
    expect(await wizard.getByTestId('wizard-run').isDisabled()).toBe(true);
    expect(await wizard.getByTestId('disk-replace').count()).toBe(0);
    await wizard.getByTestId('disk-target').blur();
    await shot('restore-disk-04-refused-in-use');
    expect(readFileSync(busy, 'utf8')).toBe('in use by a VM');
  }, 120_000);
});

describe('the wizards’ methods refuse hostile input at the server', () => {
  it('paths outside the allowed folders, foreign pools and datasets, malformed names and made-up consents', async () => {
    const img = (await call('listSnapshots', { name: 'vm' })) as unknown as { value: { id: string }[] };
    const imageId = img.value[0]!.id;
    expect(await call('checkRestoreTarget', { snapshotId: imageId, target: '/etc/shadow' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('checkRestoreTarget', { snapshotId: imageId, target: `${root}/../etc/x` })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    const tank = (await call('listSnapshots', { name: 'tank' })) as unknown as { value: { id: string; location: string }[] };
    const local = tank.value.find((s) => s.location === 'local')!.id;
    expect(await call('checkRestoreTarget', { snapshotId: local, target: join(root, 'x.img') })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(await call('startZfsRestore', { snapshotId: local, dataset: `${remotePool.name}/elsewhere` })).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringMatching(/restore into the pool/) } });
    expect(await call('startZfsRestore', { snapshotId: local, dataset: `${pool.name}/x`, mountpoint: '/etc/cron.d' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('previewRollback', { name: 'tank', dataset: `${pool.name}/data@x`, snapshot: 'y' })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(await call('previewRollback', { name: 'tank', dataset: `${pool.name}/scratch`, snapshot: 'x' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not part of this workload/) } });
    const names = snapNames(`${pool.name}/data`);
    const forged = await call('startRollback', { name: 'tank', dataset: `${pool.name}/data`, snapshot: names[0], consent: `sha256:${'0'.repeat(32)}` });
    expect(forged).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(snapNames(`${pool.name}/data`)).toEqual(names);
  });
});
