// Repository passphrases given over the API (as the UI does), through the real services with real
// job workers (dist/worker.js): no TIDEMARK_PASSWORD anywhere, and the passphrase never lands in the
// catalog, a job's input or its log.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PasswordState } from '../../../shared/contract/index.js';
import type { Job, Snapshot } from '../../../shared/domain.js';
import { formatIdentity, formatRecipient, generateIdentity } from '../../../electron/core/engines/cas/crypto/x25519.js';
import { openServices, type Services } from '../../../electron/core/services.js';
import { listing, servicesCalls } from '../../support/services-calls.js';

const PW = 'pw-Zq8!unique-marker-4711';
let root: string;
let src: string;
let dataDir: string;
let svc: Services;
const savedEnv = process.env.TIDEMARK_PASSWORD;

const { call, fails, finished } = servicesCalls(() => svc);

beforeAll(async () => {
  delete process.env.TIDEMARK_PASSWORD;
  root = mkdtempSync(join(tmpdir(), 'tm-secrets-'));
  src = join(root, 'src');
  dataDir = join(root, 'data');
  mkdirSync(join(src, 'sub'), { recursive: true });
  writeFileSync(join(src, 'a.txt'), 'alpha\n'.repeat(1000));
  writeFileSync(join(src, 'sub', 'b.bin'), Buffer.alloc(200_000, 7));
  svc = await openServices({ dataDir, transport: 'web', concurrency: 1 });
}, 60_000);

afterAll(async () => {
  await svc?.close();
  if (savedEnv === undefined) delete process.env.TIDEMARK_PASSWORD;
  else process.env.TIDEMARK_PASSWORD = savedEnv;
  rmSync(root, { recursive: true, force: true });
});

describe('repository passphrases over the API (no TIDEMARK_PASSWORD)', () => {
  const repo = () => join(dataDir, 'repos', 'enc');

  it('an encrypted workload without a passphrase is refused with needsPassword, and no repository is created', async () => {
    const e = await fails('addWorkload', { name: 'enc', engine: 'cas', config: { source: src, encrypted: true } });
    expect(e.code).toBe('forbidden');
    expect(e.message).toMatch(/workload enc is encrypted: give its passphrase in the app, or set TIDEMARK_PASSWORD/);
    expect(e.details).toEqual({ needsPassword: 'enc' });
    expect(() => statSync(repo())).toThrow();
  });

  it('passphrase first, then add: the repository is created with it; the state says where it is kept', async () => {
    const s = await call<PasswordState>('setRepositoryPassword', { name: 'enc', password: PW, remember: true });
    expect(s).toMatchObject({ stored: true, where: 'session-memory', store: 'session-memory', fromEnvironment: false });
    expect(s.note).toMatch(/until the server stops/);
    expect(JSON.stringify(s)).not.toContain(PW);
    await call('addWorkload', { name: 'enc', engine: 'cas', config: { source: src, encrypted: true } });
    expect(await call<PasswordState>('getRepositoryPasswordState', { name: 'enc' })).toMatchObject({ encrypted: true, stored: true });
    expect(readdirSync(join(repo(), 'keys'))).toHaveLength(1);
  });

  it('backup then restore work with the passphrase given over the API', async () => {
    const b = await finished(await call<Job>('startBackup', { name: 'enc' }));
    expect(b.error).toBeNull();
    expect(b.state).toBe('succeeded');
    const [snap] = await call<Snapshot[]>('listSnapshots', { name: 'enc' });
    const target = join(root, 'restored');
    const r = await finished(await call<Job>('startRestore', { snapshotId: snap!.id, target }));
    expect(r.state).toBe('succeeded');
    expect(readFileSync(join(target, 'a.txt'))).toEqual(readFileSync(join(src, 'a.txt')));
    expect(readFileSync(join(target, 'sub', 'b.bin'))).toEqual(readFileSync(join(src, 'sub', 'b.bin')));
    // browsing opens the repository in main with the same passphrase
    const page = await call<{ entries: { name: string }[] }>('listTree', { snapshotId: snap!.id, path: '/' });
    expect(page.entries.map((e) => e.name).sort()).toEqual(['a.txt', 'sub']);
  }, 120_000);

  it('a wrong passphrase is refused before it is kept, and nothing in the repository changes', async () => {
    const before = listing(repo());
    const e = await fails('setRepositoryPassword', { name: 'enc', password: 'not-it', remember: false });
    expect(e.code).toBe('forbidden');
    expect(e.message).toMatch(/^wrong passphrase for repository /);
    expect(listing(repo())).toEqual(before);
    expect(await call<PasswordState>('getRepositoryPasswordState', { name: 'enc' })).toMatchObject({ stored: true });
  });

  it('a wrong passphrase reaching a job (TIDEMARK_PASSWORD of the server) fails it clearly and writes nothing', async () => {
    await call('forgetRepositoryPassword', { name: 'enc' });
    process.env.TIDEMARK_PASSWORD = 'also-wrong';
    try {
      const before = listing(repo());
      const j = await finished(await call<Job>('startBackup', { name: 'enc' }));
      expect(j.state).toBe('failed');
      expect(j.error?.code).toBe('forbidden');
      expect(j.error?.message).toMatch(/wrong passphrase for repository/);
      expect(listing(repo())).toEqual(before);
    } finally {
      delete process.env.TIDEMARK_PASSWORD;
    }
  }, 60_000);

  it('after "forget", actions ask again (needsPassword), browsing included', async () => {
    expect(await call<PasswordState>('getRepositoryPasswordState', { name: 'enc' })).toMatchObject({ stored: false, where: null });
    expect((await fails('startBackup', { name: 'enc' })).details).toEqual({ needsPassword: 'enc' });
    const [snap] = await call<Snapshot[]>('listSnapshots', { name: 'enc' });
    expect((await fails('listTree', { snapshotId: snap!.id, path: '/' })).details).toEqual({ needsPassword: 'enc' });
    expect((await call<{ entries: unknown[] }>('listRepositoryPasswords', {})).entries).toEqual([]);
  });

  it('age recipients: the repository opens with a matching identity, and with nothing else', async () => {
    const id = generateIdentity();
    const recipient = formatRecipient(id.publicKey);
    await call('addWorkload', { name: 'rcp', engine: 'cas', config: { source: src, encrypted: true, recipients: [recipient] } });
    expect((await fails('startBackup', { name: 'rcp' })).details).toEqual({ needsPassword: 'rcp' });
    const e = await fails('setRepositoryPassword', { name: 'rcp', password: formatIdentity(generateIdentity().scalar), remember: false });
    expect(e.message).toMatch(/^wrong age identity for repository/);
    await call('setRepositoryPassword', { name: 'rcp', password: formatIdentity(id.scalar), remember: false });
    const j = await finished(await call<Job>('startBackup', { name: 'rcp' }));
    expect(j.state).toBe('succeeded');
    const bad = await fails('addWorkload', { name: 'rcp2', engine: 'cas', config: { source: src, encrypted: true, recipients: ['age1notarecipient'] } });
    expect(bad.code).toBe('bad-input');
  }, 60_000);

  it('removing a workload forgets its passphrase, so a new workload of the same name does not inherit it', async () => {
    const other = join(root, 'other-repo');
    await call('setRepositoryPassword', { name: 'tmp', password: PW, remember: false });
    await call('addWorkload', { name: 'tmp', engine: 'cas', config: { source: src, repo: other, encrypted: true } });
    expect((await call<{ entries: { workload: string }[] }>('listRepositoryPasswords', {})).entries.map((e) => e.workload)).toContain('tmp');
    await call('removeWorkload', { name: 'tmp' });
    expect((await call<{ entries: { workload: string }[] }>('listRepositoryPasswords', {})).entries.map((e) => e.workload)).not.toContain('tmp');
    const e = await fails('addWorkload', { name: 'tmp', engine: 'cas', config: { source: src, repo: join(root, 'third-repo'), encrypted: true } });
    expect(e.details).toMatchObject({ needsPassword: 'tmp' });
  }, 60_000);

  it('the passphrase is nowhere in the catalog file, job inputs or job logs', async () => {
    const jobs = await call<Job[]>('listJobs', {});
    expect(jobs.length).toBeGreaterThanOrEqual(3);
    for (const j of jobs) {
      const full = await call<unknown>('getJob', { id: j.id });
      expect(JSON.stringify(full)).not.toContain(PW);
    }
    await svc.close(); // checkpoints the WAL into the file
    const files = readdirSync(dataDir).filter((f) => f.startsWith('tidemark.db'));
    expect(files).toContain('tidemark.db');
    for (const f of files) expect(readFileSync(join(dataDir, f)).includes(Buffer.from(PW))).toBe(false);
    // and it was really there to be found: the test can fail
    expect(readFileSync(join(dataDir, 'tidemark.db')).includes(Buffer.from('enc'))).toBe(true);
    svc = await openServices({ dataDir, transport: 'web', concurrency: 1 });
  });
});
