// Issue 7's flows in a real Chromium against `tidemark serve` with the real engines behind it:
// add a workload of each engine through the UI, back it up, watch the job to its end, find the
// snapshot on the timeline, restore it, and cancel a running backup.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type Served } from '../support/serve.js';
import { startSshd, type TestSshd } from '../support/sshd.js';
import { createPool, zfs, type TestPool } from '../support/zfs.js';

const SHOTS = join(process.cwd(), 'test-output', 'screenshots');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

let root: string;
let served: Served;
let browser: Browser;
let page: Page;
/** destroyed after the server has stopped: zfs-fuse calls a pool busy while anything still uses it */
const poolsToDestroy: (TestPool | undefined)[] = [];

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `engines-${name}.png`) });
const nav = (view: string) => page.getByTestId(`nav-${view}`).click();
const row = (name: string) => page.locator(`[data-testid="workload-row"][data-workload="${name}"]`);
const finished = (state: string) => page.locator(`[data-testid="history-job"][data-state="${state}"]`);

async function addWorkload(engine: 'cas' | 'disk' | 'zfs', name: string, fill: () => Promise<void>) {
  await nav('workloads');
  await page.getByTestId('add-workload').click();
  await page.getByTestId(`engine-${engine}`).click();
  await page.getByTestId('field-name').fill(name);
  await fill();
  await expect.poll(() => page.getByTestId('add-submit').isEnabled(), { timeout: 15_000 }).toBe(true);
  await page.getByTestId('add-submit').click();
  await row(name).waitFor();
}

/** Back up from the workload row and follow the job in Transfers until it has succeeded. */
async function backUpAndWatch(name: string, shotName: string) {
  const mine = () => finished('succeeded').filter({ hasText: `· ${name}` }).count();
  await nav('transfers');
  const before = await mine();
  await nav('workloads');
  await row(name).getByTestId('action-backup').click();
  await nav('transfers');
  // A small backup may finish before the page shows it running: either state is fine, the end is not.
  await page.locator('[data-testid="running-job"], [data-testid="history-job"]').first().waitFor();
  await shot(shotName);
  await expect.poll(mine, { timeout: 120_000 }).toBe(before + 1);
  expect(await finished('failed').filter({ hasText: `· ${name}` }).count()).toBe(0);
  await nav('workloads');
  await expect.poll(() => row(name).getByTestId('workload-health').textContent()).toBe('Healthy');
  await expect.poll(() => row(name).locator('.sparkline-empty').count()).toBe(0); // the new snapshot is in the row
}

async function openOnTimeline(name: string) {
  await row(name).getByTestId('action-timeline').click();
  await page.getByTestId('timeline-chart').waitFor();
  await page.getByTestId('zoom-day').click();
  const marker = page.getByTestId('timeline-marker').last();
  await marker.waitFor();
  await marker.click();
  await page.getByTestId('snapshot-details').waitFor();
}

beforeAll(async () => {
  for (const f of ['dist/cli.js', 'dist/worker.js', 'dist/renderer/index.html'])
    if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run build\` before the e2e tests`);
  mkdirSync(SHOTS, { recursive: true });
  root = mkdtempSync(join(tmpdir(), 'tm-ui-engines-'));
  served = await startServe({ dataDir: join(root, 'data') });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await page.goto(served.url);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  for (const p of poolsToDestroy) {
    if (!p) continue;
    for (let i = 0; i < 50 && spawnSync('zpool', ['list', p.name]).status === 0; i++) {
      spawnSync('zpool', ['destroy', '-f', p.name]);
      if (spawnSync('zpool', ['list', p.name]).status === 0) await new Promise((r) => setTimeout(r, 200));
    }
    p.destroy();
  }
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('cas: a folder', () => {
  it('is added, backed up with live progress, found on the timeline and restored byte for byte', async () => {
    const src = join(root, 'docs');
    mkdirSync(join(src, 'sub'), { recursive: true });
    const big = randomBytes(24 * 1024 * 1024);
    writeFileSync(join(src, 'big.bin'), big);
    for (let i = 0; i < 50; i++) writeFileSync(join(src, 'sub', `note-${i}.txt`), `note ${i}\n`.repeat(i + 1));
    await addWorkload('cas', 'docs', () => page.getByTestId('field-source').fill(src));
    await backUpAndWatch('docs', '01-cas-backup');
    await shot('02-workloads-after-cas');

    await openOnTimeline('docs');
    const details = page.getByTestId('snapshot-details');
    expect(await details.textContent()).toMatch(/51/); // files
    await shot('03-cas-timeline');
    await details.getByTestId('restore-open').click();
    const target = join(root, 'restored-docs');
    await page.getByTestId('restore-target').fill(target);
    await expect.poll(() => page.getByTestId('restore-start').isEnabled()).toBe(true);
    await page.getByTestId('restore-start').click();
    await nav('transfers');
    await expect.poll(() => finished('succeeded').filter({ hasText: 'Restore · docs' }).count(), { timeout: 120_000 }).toBe(1);
    expect(readFileSync(join(target, 'big.bin')).equals(big)).toBe(true);
    expect(readFileSync(join(target, 'sub', 'note-7.txt'), 'utf8')).toBe('note 7\n'.repeat(8));
  });

  it('restores only the files chosen in the snapshot’s tree', async () => {
    await nav('workloads');
    await row('docs').getByTestId('action-restore').click();
    await page.getByTestId('restore-form').waitFor();
    await page.getByTestId('restore-pick').click();
    const tree = page.getByTestId('tree-browser');
    await tree.locator('[data-testid="tree-entry"]').filter({ hasText: 'sub/' }).getByRole('button').click();
    await tree.getByTestId('tree-filter').fill('note-7');
    const entry = tree.locator('[data-testid="tree-entry"]').filter({ hasText: 'note-7.txt' });
    await entry.getByRole('checkbox').check();
    const target = join(root, 'restored-one');
    await page.getByTestId('restore-target').fill(target);
    await expect.poll(() => page.getByTestId('restore-start').isEnabled(), { timeout: 10_000 }).toBe(true);
    await shot('03b-cas-pick-files');
    await page.getByTestId('restore-start').click();
    await nav('transfers');
    await expect.poll(() => finished('succeeded').filter({ hasText: 'Restore · docs' }).count(), { timeout: 120_000 }).toBe(2);
    expect(readFileSync(join(target, 'sub', 'note-7.txt'), 'utf8')).toBe('note 7\n'.repeat(8));
    expect(existsSync(join(target, 'big.bin'))).toBe(false);
    expect(existsSync(join(target, 'sub', 'note-8.txt'))).toBe(false);
  });

  it('cancels a running backup from Transfers', async () => {
    const src = join(root, 'huge');
    mkdirSync(src);
    // 6 GiB of holes: cheap to create, seconds to read, hash and compress.
    execFileSync('truncate', ['-s', '6G', join(src, 'sparse.img')]);
    await addWorkload('cas', 'huge', () => page.getByTestId('field-source').fill(src));
    await row('huge').getByTestId('action-backup').click();
    await nav('transfers');
    const running = page.locator('[data-testid="running-job"]');
    await running.waitFor();
    // While progress streams in, the page must stay responsive: collect long tasks for a while.
    await page.evaluate(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: 'longtask' });
    });
    const bytes = () => running.getByTestId('job-bytes').textContent();
    const first = await bytes();
    await expect.poll(bytes, { timeout: 30_000 }).not.toBe(first);
    await shot('04-cas-running');
    const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
    console.log(`long tasks while a backup streams progress: ${long.length} (longest ${Math.round(Math.max(0, ...long))} ms)`);
    // printed, not asserted: speed is for benchmarks (issue 7 budget: long tasks < 50 ms)
    // A second backup of the same repository waits in the queue, and says for what.
    await nav('workloads');
    await row('huge').getByTestId('action-backup').click();
    await nav('transfers');
    const queued = page.getByTestId('queued-job');
    await queued.waitFor();
    expect(await queued.textContent()).toMatch(/waiting for job .* to release/);
    await shot('04b-queue');
    await running.getByTestId('cancel-job').click();
    // the queued one starts when the lock is released: cancel it as well
    await expect.poll(() => finished('cancelled').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('queued-job').waitFor({ state: 'detached', timeout: 15_000 });
    await running.first().getByTestId('cancel-job').click();
    await expect.poll(() => finished('cancelled').count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => page.getByTestId('toast').allTextContents(), { timeout: 10_000 }).toContainEqual(expect.stringMatching(/huge cancelled/));
    await nav('workloads');
    expect(await row('huge').getByTestId('workload-health').textContent()).toBe('Never backed up');
  });
});

describe('retention: edit, preview, prune', () => {
  it('shows what a policy deletes before applying it, then prunes with a typed confirmation', async () => {
    // docs has one backup from the first test: two more make three
    await backUpAndWatch('docs', '11-cas-second');
    await backUpAndWatch('docs', '12-cas-third');
    await nav('policies');
    await page.locator('[data-testid="policy-card"]', { hasText: 'docs' }).getByTestId('edit-retention').click();
    const editor = page.getByTestId('retention-editor');
    await editor.getByTestId('preview-totals').waitFor();
    for (const rule of ['keepLast', 'keepHourly', 'keepDaily', 'keepWeekly', 'keepMonthly', 'keepYearly', 'keepWithin']) await editor.getByTestId(`rule-${rule}`).fill('');
    // every rule at zero keeps nothing: refused in the editor before anything is sent
    await editor.getByTestId('rule-keepLast').fill('0');
    await expect.poll(() => editor.getByTestId('policy-error').textContent()).toMatch(/keeps nothing/);
    expect(await editor.getByTestId('policy-apply').isDisabled()).toBe(true);
    await editor.getByTestId('rule-keepLast').fill('1');
    await expect.poll(() => editor.getByTestId('preview-deleted').textContent()).toBe('2');
    expect(await editor.getByTestId('preview-kept').textContent()).toBe('1');
    // every snapshot with its reasons: the two that go, then the one kept and why
    expect(await editor.getByTestId('reason-item').allTextContents()).toEqual([expect.stringContaining('no rule keeps it'), expect.stringContaining('no rule keeps it')]);
    await editor.getByTestId('reasons-kept').click();
    expect(await editor.getByTestId('reason-item').getAttribute('title')).toBe('kept: last 1/1');
    // hovering the strip's columns says the same, snapshot by snapshot
    const hover = (await editor.getByTestId('preview-strip').locator('title').allTextContents()).join('\n');
    expect(hover).toMatch(/kept — last 1\/1/);
    expect(hover.match(/deleted — no rule keeps it/g)).toHaveLength(2);
    // the what-if replay: keeping only the newest leaves one restore point, whatever the cadence
    expect(await editor.getByTestId('what-if-total').textContent()).toBe('1');
    await shot('13-retention-preview');
    await editor.getByTestId('policy-apply').click();
    // deleting two of three is more than half: the name must be typed
    await editor.getByTestId('prune-confirm').waitFor();
    expect(await editor.getByTestId('prune-confirm-button').isDisabled()).toBe(true);
    await editor.getByTestId('prune-confirm-input').fill('docs');
    await shot('14-retention-confirm');
    await editor.getByTestId('prune-confirm-button').click();
    await nav('transfers');
    await expect.poll(() => finished('succeeded').filter({ hasText: 'Forget · docs' }).count(), { timeout: 120_000 }).toBe(1);
    await nav('timeline');
    await page.getByTestId('timeline-workload').selectOption('docs');
    await expect.poll(() => page.getByTestId('snapshot-list').getAttribute('data-count'), { timeout: 20_000 }).toBe('1');
  });
});

describe('a backup that cannot start', () => {
  it('says why at once, and nothing is queued', async () => {
    const src = join(root, 'vanishing');
    mkdirSync(src);
    writeFileSync(join(src, 'a.txt'), 'a');
    await addWorkload('cas', 'vanishing', () => page.getByTestId('field-source').fill(src));
    rmSync(src, { recursive: true });
    await row('vanishing').getByTestId('action-backup').click();
    await expect.poll(() => page.getByTestId('toast').allTextContents()).toContainEqual(expect.stringMatching(/Could not start the backup of vanishing.*does not exist/));
    expect(await row('vanishing').getByTestId('workload-active-job').count()).toBe(0);
  });
});

describe('disk: an image file', () => {
  it('is added, backed up and found on the timeline', async () => {
    const img = join(root, 'vm.img');
    execFileSync('truncate', ['-s', '96M', img]);
    const fd = openSync(img, 'r+');
    for (const off of [0, 40, 90]) writeSync(fd, randomBytes(1024 * 1024), 0, 1024 * 1024, off * 1024 * 1024);
    closeSync(fd);
    await addWorkload('disk', 'vm', () => page.getByTestId('field-image').fill(img));
    await backUpAndWatch('vm', '06-disk-backup');
    await openOnTimeline('vm');
    expect(await page.getByTestId('snapshot-details').textContent()).toMatch(/96\.0 MiB/);
    await shot('06b-disk-timeline');
  });

  it('is restored from the overview’s restore action to a new image, byte for byte', async () => {
    await nav('workloads');
    await row('vm').getByTestId('action-restore').click();
    // a disk workload's restore action opens its wizard in place, the newest image chosen
    const wizard = page.getByTestId('disk-restore-wizard');
    await wizard.getByTestId('wizard-next').click();
    const target = join(root, 'vm-restored.img');
    await wizard.getByTestId('disk-target').fill(target);
    await wizard.getByTestId('target-checks').waitFor({ timeout: 15_000 });
    await expect.poll(() => wizard.getByTestId('wizard-run').isEnabled(), { timeout: 10_000 }).toBe(true);
    await shot('06c-disk-restore');
    await wizard.getByTestId('wizard-run').click();
    await wizard.getByTestId('wizard-result').waitFor({ timeout: 120_000 });
    await wizard.getByTestId('wizard-close').click();
    await nav('transfers');
    await expect.poll(() => finished('succeeded').filter({ hasText: 'Restore · vm' }).count(), { timeout: 120_000 }).toBe(1);
    expect(readFileSync(target).equals(readFileSync(join(root, 'vm.img')))).toBe(true);
  });
});

describe('zfs: a dataset on a zfs-fuse pool, replicated over a loopback sshd', () => {
  let pool: TestPool;
  let remotePool: TestPool;
  let sshd: TestSshd;
  beforeAll(async () => {
    pool = await createPool('uil');
    remotePool = await createPool('uir');
    zfs('create', `${pool.name}/data`);
    writeFileSync(join(pool.mountpoint, 'data', 'hello.txt'), 'hello zfs');
    sshd = await startSshd();
  });
  afterAll(() => {
    sshd?.stop();
    poolsToDestroy.push(pool, remotePool);
  });

  it('is added after a connection test that shows the host key and asks before pinning it', async () => {
    await addWorkload('zfs', 'tank', async () => {
      await page.getByTestId('field-dataset').fill(`${pool.name}/data`);
      await page.getByTestId('field-remote-enabled').check();
      await page.getByTestId('field-remote-user').fill(sshd.user);
      await page.getByTestId('field-remote-host').fill(sshd.host);
      await page.getByTestId('field-remote-port').fill(String(sshd.port));
      await page.getByTestId('field-remote-dataset').fill(`${remotePool.name}/backup`);
      await page.getByTestId('field-identity').fill(sshd.identity);
      await page.getByTestId('test-connection').click();
      await page.getByTestId('host-key-prompt').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('host-key-fingerprint').textContent()).toBe(sshd.hostFingerprint);
      await shot('07-zfs-host-key');
      await page.getByTestId('accept-host-key').click();
      await page.getByTestId('connection-ok').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('connection-ok').textContent()).toMatch(/now pinned/);
      await shot('08-zfs-connection-ok');
    });
  });

  it('explains a failed job in Transfers and marks the workload failing', async () => {
    zfs('create', `${pool.name}/gone`);
    await addWorkload('zfs', 'gone', () => page.getByTestId('field-dataset').fill(`${pool.name}/gone`));
    // zfs-fuse reports a fresh dataset "busy" for a moment after it was used: retry until it is gone
    await expect.poll(() => spawnSync('zfs', ['destroy', '-f', `${pool.name}/gone`]).status === 0 || spawnSync('zfs', ['list', `${pool.name}/gone`]).status !== 0, { timeout: 30_000 }).toBe(true);
    await row('gone').getByTestId('action-backup').click();
    await nav('transfers');
    const failed = finished('failed').filter({ hasText: '· gone' });
    await failed.waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('toast').allTextContents()).toContainEqual(expect.stringMatching(/gone failed/));
    await failed.locator('button').first().click();
    await failed.getByTestId('job-error').waitFor();
    expect(await failed.getByTestId('job-error').textContent()).toMatch(/gone/);
    await shot('09b-failed-job');
    await nav('workloads');
    await expect.poll(() => row('gone').getByTestId('workload-health').textContent()).toBe('Failing');
    expect(await row('gone').textContent()).toMatch(/Last backup failed/);
  });

  it('is snapshotted, replicated, and shows both lanes linked on the timeline', async () => {
    await backUpAndWatch('tank', '09-zfs-backup');
    await row('tank').getByTestId('action-replicate').click();
    await nav('transfers');
    // wait for the end, whichever it is, so a failure reports the engine's own message
    const rep = page.locator('[data-testid="history-job"]').filter({ hasText: 'Replication · tank' }).first();
    await rep.waitFor({ timeout: 180_000 }).catch(async (e: unknown) => {
      const still = await page.getByTestId('running-job').allTextContents();
      throw new Error(`replication did not end in 180 s; still running: ${still.join(' | ') || 'nothing'} (${String(e).split('\n')[0]})`);
    });
    if ((await rep.getAttribute('data-state')) !== 'succeeded') throw new Error(`replication ended ${await rep.getAttribute('data-state')}: ${await rep.textContent()}`);
    await nav('workloads');
    await openOnTimeline('tank');
    await page.getByTestId('lane-remote').locator('.tl-mk').first().waitFor();
    expect(await page.locator('.tl-links line').count()).toBeGreaterThan(0);
    await shot('10-zfs-timeline');
  }, 240_000);

  it('previews a policy on both sides, per dataset, with the last shared snapshot protected', async () => {
    await nav('policies');
    await page.locator('[data-testid="policy-card"]', { hasText: 'tank' }).getByTestId('edit-retention').click();
    const editor = page.getByTestId('retention-editor');
    for (const side of ['local', 'remote']) await editor.getByTestId(`zfs-side-${side}`).getByTestId('reason-list').waitFor();
    await editor.getByTestId('rule-keepLast').fill('1');
    // one snapshot on each side, and it is the shared one: kept, and kept for two reasons
    const remote = editor.getByTestId('zfs-side-remote');
    await expect.poll(() => remote.getByTestId('zfs-remote-kept').textContent()).toBe('1');
    await remote.getByTestId('reasons-protected').click();
    await expect.poll(() => remote.getByTestId('reason-item').first().textContent()).toMatch(/last 1\/1.*latest shared snapshot|latest shared snapshot.*last 1\/1/);
    // by the name `zfs list` shows on that side, not only by its time
    expect(await remote.getByTestId('reason-name').first().textContent()).toMatch(new RegExp(`^${remotePool.name}/backup@\\S+$`));
    await editor.getByTestId('zfs-side-local').getByTestId('reasons-kept').click();
    expect(await editor.getByTestId('zfs-side-local').getByTestId('reason-name').first().textContent()).toMatch(new RegExp(`^${pool.name}/data@\\S+$`));
    expect(await editor.getByTestId('zfs-local-deleted').textContent()).toBe('0');
    await shot('10b-zfs-retention-sides');
  });
});
