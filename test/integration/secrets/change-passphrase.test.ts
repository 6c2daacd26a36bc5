// A new passphrase for an encrypted repository, over the API (as the Settings page asks) and from the
// CLI, on real repositories with real job workers: the old passphrase stops working, the new one and
// any age identity open everything written before, and a refused change touches nothing.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PasswordState } from '../../../shared/contract/index.js';
import type { Job, Snapshot } from '../../../shared/domain.js';
import { formatIdentity, formatRecipient, generateIdentity } from '../../../electron/core/engines/cas/crypto/x25519.js';
import { Repository } from '../../../electron/core/engines/cas/repo/repository.js';
import { openServices, type Services } from '../../../electron/core/services.js';
import { listing, servicesCalls } from '../../support/services-calls.js';
import { tidemark } from '../../support/cli.js';

const OLD = 'old-pass-Kx2';
const NEW = 'new-pass-Vb7';
const identity = generateIdentity();
let root: string;
let src: string;
let dataDir: string;
let svc: Services;
const savedEnv = process.env.TIDEMARK_PASSWORD;

const { call, fails, finished } = servicesCalls(() => svc);
const repo = () => join(dataDir, 'repos', 'vault');

beforeAll(async () => {
  delete process.env.TIDEMARK_PASSWORD;
  root = mkdtempSync(join(tmpdir(), 'tm-passwd-'));
  src = join(root, 'src');
  dataDir = join(root, 'data');
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'a.txt'), 'before the change\n'.repeat(500));
  svc = await openServices({ dataDir, transport: 'web', concurrency: 1 });
  await call('setRepositoryPassword', { name: 'vault', password: OLD, remember: true });
  await call('addWorkload', { name: 'vault', engine: 'cas', config: { source: src, encrypted: true, recipients: [formatRecipient(identity.publicKey)] } });
  expect((await finished(await call<Job>('startBackup', { name: 'vault' }))).state).toBe('succeeded');
}, 120_000);

afterAll(async () => {
  await svc?.close();
  if (savedEnv === undefined) delete process.env.TIDEMARK_PASSWORD;
  else process.env.TIDEMARK_PASSWORD = savedEnv;
  rmSync(root, { recursive: true, force: true });
});

describe('changing a repository passphrase', () => {
  it('refuses a wrong current passphrase, an unusable new one, and a workload without one, changing nothing', async () => {
    const before = listing(repo());
    const wrong = await fails('changeRepositoryPassword', { name: 'vault', current: 'not-it', next: NEW, remember: false });
    expect(wrong.code).toBe('forbidden');
    expect(wrong.message).toMatch(/^wrong passphrase for repository /);
    expect((await fails('changeRepositoryPassword', { name: 'vault', current: OLD, next: OLD, remember: false })).message).toMatch(/the one the repository already has/);
    expect((await fails('changeRepositoryPassword', { name: 'vault', current: OLD, next: formatIdentity(generateIdentity().scalar), remember: false })).message).toMatch(/looks like an age identity/);
    expect((await fails('changeRepositoryPassword', { name: 'vault', current: formatIdentity(identity.scalar), next: NEW, remember: false })).message).toMatch(/give the current passphrase, not an age identity/);
    expect((await fails('changeRepositoryPassword', { name: 'vault', current: OLD, next: '', remember: false })).code).toBe('bad-input');
    expect((await fails('changeRepositoryPassword', { name: 'nobody', current: OLD, next: NEW, remember: false })).code).toBe('not-found');
    mkdirSync(join(root, 'plain-src'));
    await call('addWorkload', { name: 'plain', engine: 'cas', config: { source: join(root, 'plain-src') } });
    expect((await fails('changeRepositoryPassword', { name: 'plain', current: OLD, next: NEW, remember: false })).message).toMatch(/not an encrypted folder backup/);
    expect(listing(repo())).toEqual(before);
  });

  it('replaces the key file the old passphrase opened; the new one, and the age identity, open everything written before', async () => {
    const keysBefore = readdirSync(join(repo(), 'keys')).sort();
    const state = await call<PasswordState>('changeRepositoryPassword', { name: 'vault', current: OLD, next: NEW, remember: true });
    expect(state).toMatchObject({ encrypted: true, stored: true });
    const keysAfter = readdirSync(join(repo(), 'keys')).sort();
    expect(keysAfter).toHaveLength(keysBefore.length);
    expect(keysAfter.filter((k) => !keysBefore.includes(k))).toHaveLength(1); // one new file, one gone
    await expect(Repository.open(repo(), { passphrase: OLD })).rejects.toMatchObject({ code: 'forbidden' });
    await Repository.open(repo(), { passphrase: NEW });
    await Repository.open(repo(), { passphrase: formatIdentity(identity.scalar) });

    // the app kept the new passphrase: a backup and a restore of the snapshot from before just work
    expect((await finished(await call<Job>('startBackup', { name: 'vault' }))).state).toBe('succeeded');
    const snaps = await call<Snapshot[]>('listSnapshots', { name: 'vault' });
    const first = [...snaps].sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0]!;
    const target = join(root, 'restored');
    expect((await finished(await call<Job>('startRestore', { snapshotId: first.id, target }))).state).toBe('succeeded');
    expect(readFileSync(join(target, 'a.txt'), 'utf8')).toBe('before the change\n'.repeat(500));
  }, 120_000);

  it('a kept passphrase changed elsewhere is asked for again when browsing (needsPassword), not just refused', async () => {
    await Repository.changePassphrase(repo(), NEW, 'changed-elsewhere'); // as `tidemark workload passwd` in another process
    const [snap] = await call<Snapshot[]>('listSnapshots', { name: 'vault' });
    const e = await fails('listTree', { snapshotId: snap!.id, path: '/' });
    expect(e.code).toBe('forbidden');
    expect(e.message).toMatch(/^wrong passphrase for repository /);
    expect(e.details).toEqual({ needsPassword: 'vault' });
    await call('setRepositoryPassword', { name: 'vault', password: 'changed-elsewhere', remember: false });
    expect((await call<{ entries: unknown[] }>('listTree', { snapshotId: snap!.id, path: '/' })).entries.length).toBeGreaterThan(0);
    await Repository.changePassphrase(repo(), 'changed-elsewhere', NEW);
    await call('setRepositoryPassword', { name: 'vault', password: NEW, remember: false });
  }, 60_000);

  it('a job started with a kept passphrase changed elsewhere asks for it again, and no job starts', async () => {
    await Repository.changePassphrase(repo(), NEW, 'changed-again'); // NEW stays kept, and is now stale
    const jobsBefore = (await call<Job[]>('listJobs', { limit: 200 })).length;
    const e = await fails('startBackup', { name: 'vault' });
    expect(e.code).toBe('forbidden');
    expect(e.message).toMatch(/the passphrase kept for vault no longer opens it/);
    expect(e.details).toEqual({ needsPassword: 'vault' });
    expect((await call<Job[]>('listJobs', { limit: 200 })).length).toBe(jobsBefore);
    // what the dialog then does: the right one is kept, and the job runs
    await call('setRepositoryPassword', { name: 'vault', password: 'changed-again', remember: false });
    expect((await finished(await call<Job>('startBackup', { name: 'vault' }))).state).toBe('succeeded');
    await Repository.changePassphrase(repo(), 'changed-again', NEW);
  }, 60_000);

  it('from the CLI: the passphrases come from the environment, never argv', async () => {
    await svc.close();
    const usage = tidemark(dataDir, ['workload', 'passwd', 'vault'], { env: { TIDEMARK_PASSWORD: NEW, TIDEMARK_NEW_PASSWORD: '' } });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/TIDEMARK_NEW_PASSWORD/);
    const wrong = tidemark(dataDir, ['workload', 'passwd', 'vault'], { env: { TIDEMARK_PASSWORD: OLD, TIDEMARK_NEW_PASSWORD: 'third-pass' } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^error: wrong passphrase for repository /);
    const ok = tidemark(dataDir, ['workload', 'passwd', 'vault'], { env: { TIDEMARK_PASSWORD: NEW, TIDEMARK_NEW_PASSWORD: 'third-pass' } });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/changed the passphrase of vault/);
    expect(tidemark(dataDir, ['backup', 'vault'], { env: { TIDEMARK_PASSWORD: NEW } }).code).toBe(1);
    expect(tidemark(dataDir, ['backup', 'vault'], { env: { TIDEMARK_PASSWORD: 'third-pass' } }).code).toBe(0);
    svc = await openServices({ dataDir, transport: 'web', concurrency: 1 });
  }, 120_000);
});
