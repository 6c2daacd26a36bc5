// Issue 8's cas restore wizards in a real Chromium against `tidemark serve`, on real repositories
// seeded with the CLI: a file restored by the file-first wizard (after a diff of two versions) and
// files restored by the snapshot-first wizard, compared byte for byte on disk. Also prints how long
// the first page of a 100,000-file snapshot takes to show.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/domain.js';
import { tidemarkJson } from '../support/cli.js';
import { startServe, type Served } from '../support/serve.js';

const SHOTS = join(process.cwd(), 'test-output', 'screenshots');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const REPORT_V1 = 'Quarterly report\n\nRevenue: 120\nCosts: 80\nNotes: draft\n';
const REPORT_V2 = 'Quarterly report\n\nRevenue: 135\nCosts: 80\nNotes: final\nSigned: A. Lee\n';

let root: string;
let src: string;
let data: string;
let served: Served;
let browser: Browser;
let page: Page;
let older: Snapshot;
let bigSnap: Snapshot;
const photoV1 = randomBytes(400_000);

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `restore-cas-${name}.png`) });
const cli = <T,>(args: string[]) => tidemarkJson<T>(data, args);

beforeAll(async () => {
  for (const f of ['dist/cli.js', 'dist/worker.js', 'dist/renderer/index.html'])
    if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run build\` before the e2e tests`);
  mkdirSync(SHOTS, { recursive: true });
  root = mkdtempSync(join(tmpdir(), 'tm-ui-restore-cas-'));
  data = join(root, 'data');
  src = join(root, 'projects');
  mkdirSync(join(src, 'reports', 'archive'), { recursive: true });
  writeFileSync(join(src, 'reports', 'report.txt'), REPORT_V1);
  writeFileSync(join(src, 'reports', 'archive', 'report-2025.txt'), 'last year\n');
  writeFileSync(join(src, 'photo.jpg'), photoV1);
  for (let i = 0; i < 40; i++) writeFileSync(join(src, `notes-${String(i).padStart(2, '0')}.md`), `# note ${i}\n`);
  cli(['workload', 'add', 'projects', '--engine', 'cas', '--source', src]);
  cli(['backup', 'projects', '--tag', 'before-edit']);
  writeFileSync(join(src, 'reports', 'report.txt'), REPORT_V2);
  const photoV2 = Buffer.from(photoV1);
  photoV2.fill(7, 1000, 2000);
  writeFileSync(join(src, 'photo.jpg'), photoV2);
  cli(['backup', 'projects']);
  older = cli<Snapshot[]>(['snapshots', 'projects']).at(-1)!;

  // 100,000 files for the first-page figure of issue 8
  const big = join(root, 'big');
  for (let d = 0; d < 100; d++) {
    const dir = join(big, `dir${String(d).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < 1000; f++) writeFileSync(join(dir, `file${String(f).padStart(4, '0')}.txt`), `${d}/${f}\n`);
  }
  cli(['workload', 'add', 'big', '--engine', 'cas', '--source', big]);
  cli(['backup', 'big']);
  bigSnap = cli<Snapshot[]>(['snapshots', 'big'])[0]!;

  served = await startServe({ dataDir: data });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  await page.goto(served.url);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('file-first wizard', () => {
  it('finds a file, diffs two versions, and restores the older one next to the original', async () => {
    await page.getByTestId('nav-restore').click();
    const wizard = page.getByTestId('file-wizard');
    await wizard.waitFor();
    await shot('01-file-start');
    await page.getByTestId('find-query').fill('report');
    const result = page.locator('[data-testid="find-result"][data-path="reports/report.txt"]');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/2 snapshots/);
    await shot('02-file-found');
    await result.click();

    const rows = page.getByTestId('version-row');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByTestId('compare-two').click();
    const diff = page.getByTestId('diff-view');
    await diff.waitFor();
    expect(await diff.getAttribute('data-kind')).toBe('text');
    const changed = await page.getByTestId('diff-line').allTextContents();
    expect(changed.map((l) => l.replace(/^\d*\d*/, ''))).toEqual(['-Revenue: 120', '+Revenue: 135', '-Notes: draft', '+Notes: final', '+Signed: A. Lee']);
    expect(await page.getByTestId('diff-stats').textContent()).toMatch(/\+3 −2 lines/);
    await shot('03-file-diff-two-versions');

    // the older version against the file on disk now
    await page.locator(`[data-testid="version-row"][data-id="${older.id}"]`).getByTestId('version-choose').check();
    await page.getByTestId('compare-disk').click();
    await expect.poll(() => page.getByTestId('diff-view').textContent()).toMatch(/on disk now/);
    await shot('04-file-diff-disk');
    await page.getByTestId('wizard-next').click();

    // by default next to the original, under a dated name; the original is not touched
    const dest = await page.getByTestId('version-dest').textContent();
    expect(dest).toMatch(new RegExp(`^${join(src, 'reports')}/report \\(\\d{4}-\\d\\d-\\d\\d \\d\\d\\.\\d\\d\\)\\.txt$`));
    await shot('05-file-destination');
    await page.getByTestId('version-restore').click();
    await page.getByTestId('restore-result').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('restore-result-title').textContent()).toMatch(/^Restored 1 file · \d+ B$/);
    expect(await page.getByTestId('restore-verified').textContent()).toMatch(/Every chunk verified.*1 chunk/);
    await shot('06-file-restored');
    expect(readFileSync(dest!, 'utf8')).toBe(REPORT_V1);
    expect(readFileSync(join(src, 'reports', 'report.txt'), 'utf8')).toBe(REPORT_V2);
    expect(readdirSync(join(src, 'reports')).length).toBe(3);
  });

  it('compares binary versions by size and hash', async () => {
    await page.getByTestId('wizard-again').click();
    await page.getByTestId('find-query').fill('photo');
    await page.locator('[data-testid="find-result"][data-path="photo.jpg"]').click();
    await expect.poll(() => page.getByTestId('version-row').count()).toBe(2);
    await page.getByTestId('compare-two').click();
    await page.getByTestId('diff-binary').waitFor();
    expect(await page.getByTestId('diff-binary').textContent()).toMatch(/Not a text file: they differ in content \(SHA-256\)/);
    await shot('07-file-binary-diff');
  });
});

describe('snapshot-first wizard', () => {
  it('restores chosen files of an older snapshot into another folder, byte for byte', async () => {
    await page.getByTestId('mode-snapshot').click();
    await page.getByTestId('snapshot-wizard').waitFor();
    await page.getByTestId('restore-workload').selectOption('projects');
    await page.locator(`[data-testid="restore-snapshot"][data-id="${older.id}"]`).click();
    await shot('11-snapshot-pick');
    await page.getByTestId('wizard-next').click();

    const tree = page.getByTestId('tree-browser');
    await tree.locator('[data-testid="tree-entry"][data-path="photo.jpg"]').getByRole('checkbox').check();
    await tree.getByTestId('tree-filter').fill('report');
    await tree.getByTestId('tree-search-summary').waitFor();
    expect(await tree.locator('[data-testid="tree-entry"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-path')))).toEqual(['reports', 'reports/report.txt', 'reports/archive/report-2025.txt']);
    await tree.locator('[data-testid="tree-entry"][data-path="reports/report.txt"]').getByRole('checkbox').check();
    await shot('12-snapshot-files');
    await page.getByTestId('wizard-next').click();

    await page.getByTestId('dest-folder').check();
    const target = join(root, 'restored');
    await page.getByTestId('restore-target').fill(target);
    await expect.poll(() => page.getByTestId('wizard-next').isEnabled(), { timeout: 10_000 }).toBe(true);
    await page.getByTestId('conflict-skip').click();
    await shot('13-snapshot-destination');
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('restore-review').waitFor();
    await shot('14-snapshot-review');
    await page.getByTestId('wizard-run').click();
    await page.getByTestId('restore-result').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('restore-result-title').textContent()).toMatch(/Restored 2 files/);
    expect(await page.getByTestId('restore-verified').textContent()).toMatch(/Every chunk verified/);
    expect((await page.getByTestId('restore-written').locator('li').allTextContents()).sort()).toEqual(['photo.jpg', 'reports/report.txt']);
    await shot('15-snapshot-restored');
    expect(readFileSync(join(target, 'reports', 'report.txt'), 'utf8')).toBe(REPORT_V1);
    expect(readFileSync(join(target, 'photo.jpg')).equals(photoV1)).toBe(true);
    expect(existsSync(join(target, 'notes-00.md'))).toBe(false);
  });

  it('shows the first page of a 100,000-file snapshot, and opens on a snapshot named in the address', async () => {
    await page.getByTestId('wizard-again').click();
    await page.getByTestId('tree-browser').waitFor();
    await page.getByTestId('step-0').click();
    await page.getByTestId('restore-workload').selectOption('big');
    await page.locator(`[data-testid="restore-snapshot"][data-id="${bigSnap.id}"]`).click();
    // the server has not opened this repository yet: the figure includes that
    const t0 = Date.now();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('tree-entry').first().waitFor();
    const firstPage = Date.now() - t0;
    expect(await page.getByTestId('tree-entry').count()).toBe(100);
    await page.locator('[data-testid="tree-entry"][data-path="dir042"]').getByRole('button').click();
    const t1 = Date.now();
    await page.locator('[data-testid="tree-entry"][data-path="dir042/file0000.txt"]').waitFor();
    const dirPage = Date.now() - t1;
    expect(await page.getByTestId('tree-more').isVisible()).toBe(true);
    await page.getByTestId('tree-filter').fill('file0999');
    await page.getByTestId('tree-search-summary').waitFor();
    expect(await page.getByTestId('tree-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-path')))).toEqual(['dir042/file0999.txt']);
    await shot('16-snapshot-100k');

    // a fresh window on #/restore/snapshot/<id> (the timeline's "Restore step by step…" link) lands on the files step
    await page.goto('about:blank');
    const t2 = Date.now();
    await page.goto(`${served.url}#/restore/${encodeURIComponent(`snapshot/${bigSnap.id}`)}`);
    await page.getByTestId('tree-entry').first().waitFor();
    const coldApp = Date.now() - t2;
    expect(await page.locator('.rc-steps li.current').textContent()).toMatch(/Files/);
    // printed, not asserted (issue 8 budget: first page within 300 ms)
    console.log(`100,000-file snapshot: first page ${firstPage} ms after Next (listTree incl. opening the repository), a folder's first page ${dirPage} ms, app load to first page ${coldApp} ms`);
  });
});
