// An encrypted folder backup driven through the UI in a real Chromium against `tidemark serve`:
// the add form creates the repository with a passphrase, a backup runs, the server restarts (its
// passphrases live in memory only), and the restore asks for the passphrase in the dialog — a wrong
// one is refused there — before it runs; then Settings gives the repository a new passphrase. No
// TIDEMARK_PASSWORD anywhere.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Repository } from '../../electron/core/engines/cas/repo/repository.js';
import { startServe, type Served } from '../support/serve.js';

const SHOTS = join(process.cwd(), 'test-output', 'screenshots');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const PASSPHRASE = 'tidal-vault-passphrase-93';
const NEW_PASSPHRASE = 'second-tide-passphrase-57';

let root: string;
let dataDir: string;
let served: Served;
let browser: Browser;
let page: Page;
const savedEnv = process.env.TIDEMARK_PASSWORD;

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `encrypted-${name}.png`) });
const nav = (view: string) => page.getByTestId(`nav-${view}`).click();
const row = (name: string) => page.locator(`[data-testid="workload-row"][data-workload="${name}"]`);
const finished = (state: string) => page.locator(`[data-testid="history-job"][data-state="${state}"]`);
const dialog = () => page.getByTestId('passphrase-dialog');

beforeAll(async () => {
  for (const f of ['dist/cli.js', 'dist/worker.js', 'dist/renderer/index.html'])
    if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run build\` before the e2e tests`);
  delete process.env.TIDEMARK_PASSWORD;
  mkdirSync(SHOTS, { recursive: true });
  root = mkdtempSync(join(tmpdir(), 'tm-ui-encrypted-'));
  dataDir = join(root, 'data');
  served = await startServe({ dataDir });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await page.goto(served.url);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  if (savedEnv !== undefined) process.env.TIDEMARK_PASSWORD = savedEnv;
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('an encrypted folder backup through the UI', () => {
  const src = () => join(root, 'secret-docs');
  const big = randomBytes(3 * 1024 * 1024);

  it('is added with a passphrase (confirmed) and an age-recipient check, then backed up', async () => {
    mkdirSync(join(src(), 'sub'), { recursive: true });
    writeFileSync(join(src(), 'big.bin'), big);
    writeFileSync(join(src(), 'sub', 'plan.txt'), 'the plan\n'.repeat(100));

    await nav('workloads');
    await page.getByTestId('add-workload').click();
    await page.getByTestId('engine-cas').click();
    await page.getByTestId('field-name').fill('vault');
    await page.getByTestId('field-source').fill(src());
    await page.getByTestId('field-encrypt').check();
    // recipients are validated line by line
    await page.getByTestId('field-encrypt-recipients').check();
    await page.getByTestId('field-recipients').fill('age1notarecipient');
    await expect.poll(() => page.getByTestId('field-encrypt-error').textContent()).toMatch(/not an age recipient: age1notarecipient/);
    expect(await page.getByTestId('add-submit').isEnabled()).toBe(false);
    // the two passphrases must agree
    await page.getByTestId('field-encrypt-passphrase').check();
    await page.getByTestId('field-passphrase').fill(PASSPHRASE);
    await page.getByTestId('field-passphrase-confirm').fill(PASSPHRASE + 'x');
    await expect.poll(() => page.getByTestId('field-encrypt-error').textContent()).toBe('the two passphrases differ');
    expect(await page.getByTestId('add-submit').isEnabled()).toBe(false);
    // where the passphrase will be kept is asked of the server when the form opens
    await expect.poll(() => page.getByTestId('field-passphrase-note').textContent()).toMatch(/kept in memory until the server stops/);
    await shot('01-form-mismatch');
    await page.getByTestId('field-passphrase-confirm').fill(PASSPHRASE);
    await expect.poll(() => page.getByTestId('add-submit').isEnabled(), { timeout: 15_000 }).toBe(true);
    await shot('02-form-ready');
    await page.getByTestId('add-submit').click();
    await row('vault').waitFor();
    expect(readdirSync(join(dataDir, 'repos', 'vault', 'keys'))).toHaveLength(1);

    await row('vault').getByTestId('action-backup').click();
    await nav('transfers');
    await expect.poll(() => finished('succeeded').filter({ hasText: '· vault' }).count(), { timeout: 120_000 }).toBe(1);
    expect(await finished('failed').count()).toBe(0);
    expect(await dialog().isVisible()).toBe(false); // the passphrase from the form was used
    await shot('03-backed-up');

    await nav('settings');
    const entry = page.locator('[data-testid="password-forget"][data-workload="vault"]');
    await entry.waitFor();
    expect(await page.getByTestId('passwords-card').textContent()).toMatch(/vault.*this session only/);
    expect(await page.getByTestId('passwords-note').textContent()).toMatch(/until the server stops/);
    await shot('04-settings');
  }, 180_000);

  it('after a server restart, browsing the snapshot asks for the passphrase, refuses a wrong one, then restores', async () => {
    await served.stop();
    served = await startServe({ dataDir });
    await page.goto(served.url);
    await nav('settings');
    await expect.poll(() => page.getByTestId('passwords-card').textContent()).toMatch(/vault.*not kept: asked when needed/);

    await nav('workloads');
    await row('vault').getByTestId('action-timeline').click();
    await page.getByTestId('timeline-chart').waitFor();
    await page.getByTestId('zoom-day').click();
    await page.getByTestId('timeline-marker').last().click();
    await page.getByTestId('snapshot-details').waitFor();
    await page.getByTestId('restore-open').click();
    const target = join(root, 'restored');
    await page.getByTestId('restore-target').fill(target);
    await page.getByTestId('restore-pick').click(); // the tree is read from the encrypted repository

    await dialog().waitFor({ state: 'visible' });
    expect(await dialog().textContent()).toMatch(/Passphrase for vault/);
    await expect.poll(() => page.getByTestId('passphrase-note').textContent()).toMatch(/until the server stops/); // asked when the dialog opens
    await page.getByTestId('passphrase-input').fill('not the passphrase');
    await page.getByTestId('passphrase-submit').click();
    await expect.poll(() => page.getByTestId('passphrase-error').textContent(), { timeout: 30_000 }).toMatch(/wrong passphrase for repository/);
    expect(await dialog().isVisible()).toBe(true);
    expect(existsSync(target)).toBe(false);
    await shot('05-dialog-wrong');

    await page.getByTestId('passphrase-input').fill(PASSPHRASE);
    await shot('06-dialog-retry');
    await page.getByTestId('passphrase-submit').click();
    await dialog().waitFor({ state: 'hidden', timeout: 30_000 });
    // the browse that asked runs again; the restore then needs no second prompt
    const tree = page.getByTestId('tree-browser');
    for (const path of ['big.bin', 'sub']) await tree.locator(`[data-testid="tree-entry"][data-path="${path}"]`).getByRole('checkbox').check();
    await expect.poll(() => page.getByTestId('restore-start').isEnabled(), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('restore-start').click();
    await nav('transfers');
    await expect.poll(() => finished('succeeded').filter({ hasText: 'Restore · vault' }).count(), { timeout: 120_000 }).toBe(1);
    expect(readFileSync(join(target, 'big.bin')).equals(big)).toBe(true);
    expect(readFileSync(join(target, 'sub', 'plan.txt'), 'utf8')).toBe('the plan\n'.repeat(100));
    await shot('07-restored');

    // Settings lists it again, and "forget" removes it
    await nav('settings');
    const forget = page.locator('[data-testid="password-forget"][data-workload="vault"]');
    await forget.click();
    await expect.poll(() => page.getByTestId('passwords-card').textContent()).toMatch(/vault.*not kept: asked when needed/);
  }, 240_000);

  it('gets a new passphrase in Settings: a wrong current one is refused, then the old one stops working and backups go on', async () => {
    const keysBefore = readdirSync(join(dataDir, 'repos', 'vault', 'keys'));
    await page.locator('[data-testid="password-change"][data-workload="vault"]').click();
    const change = page.getByTestId('change-passphrase-dialog');
    await change.waitFor({ state: 'visible' });
    await page.getByTestId('change-current').fill('not the passphrase');
    await page.getByTestId('change-next').fill(NEW_PASSPHRASE);
    await page.getByTestId('change-again').fill(NEW_PASSPHRASE + 'x');
    expect(await page.getByTestId('change-submit').isEnabled()).toBe(false); // the two new ones differ
    await page.getByTestId('change-again').fill(NEW_PASSPHRASE);
    await page.getByTestId('change-submit').click();
    await expect.poll(() => page.getByTestId('change-error').textContent(), { timeout: 30_000 }).toMatch(/wrong passphrase for repository/);
    expect(readdirSync(join(dataDir, 'repos', 'vault', 'keys'))).toEqual(keysBefore);
    await shot('08-change-wrong');

    await page.getByTestId('change-current').fill(PASSPHRASE);
    await page.getByTestId('change-submit').click();
    await change.waitFor({ state: 'hidden', timeout: 30_000 });
    await expect.poll(() => page.getByTestId('toast').allTextContents()).toContainEqual(expect.stringMatching(/Passphrase of vault changed/));
    await expect.poll(() => page.getByTestId('passwords-card').textContent()).toMatch(/vault.*this session only/);
    await expect(Repository.open(join(dataDir, 'repos', 'vault'), { passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'forbidden' });
    await shot('09-changed');

    // the app kept the new one: a backup needs no prompt
    await nav('workloads');
    await row('vault').getByTestId('action-backup').click();
    await nav('transfers');
    await expect.poll(() => finished('succeeded').filter({ hasText: '· vault' }).count(), { timeout: 120_000 }).toBe(2);
    expect(await dialog().isVisible()).toBe(false);
    await Repository.open(join(dataDir, 'repos', 'vault'), { passphrase: NEW_PASSPHRASE });
  }, 180_000);

  it('the passphrase is nowhere in the catalog files', async () => {
    await served.stop();
    for (const f of readdirSync(dataDir).filter((n) => n.startsWith('tidemark.db'))) {
      expect(readFileSync(join(dataDir, f)).includes(Buffer.from(PASSPHRASE))).toBe(false);
      expect(readFileSync(join(dataDir, f)).includes(Buffer.from(NEW_PASSPHRASE))).toBe(false);
    }
    served = await startServe({ dataDir });
  });
});
