// "Remember in the OS keychain" through the real services and workers, as the desktop app wires it
// (electron/main/main.ts passes keychainSecrets(safeStorage, dataDir)); safeStorage is a stand-in
// because the Electron binary cannot be installed here (see test/unit/secrets/safe-storage-stand-in.ts).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PasswordList, PasswordState } from '../../../shared/contract/index.js';
import type { Job } from '../../../shared/domain.js';
import type { Result } from '../../../shared/result.js';
import { openServices, type Services } from '../../../electron/core/services.js';
import { keychainSecrets, PASSWORD_FILE } from '../../../electron/main/secrets.js';
import { standInSafeStorage } from '../../unit/secrets/safe-storage-stand-in.js';

const root = mkdtempSync(join(tmpdir(), 'tm-keychain-svc-'));
const saved = process.env.TIDEMARK_PASSWORD;
afterAll(() => {
  if (saved !== undefined) process.env.TIDEMARK_PASSWORD = saved;
  rmSync(root, { recursive: true, force: true });
});

async function call<T>(svc: Services, name: string, input: unknown): Promise<T> {
  const r = (await svc.call(name, input)) as Result<T>;
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value;
}
const backup = async (svc: Services) => {
  const started = await call<Job>(svc, 'startBackup', { name: 'kc' });
  return svc.jobs.wait(started.id);
};

describe('remembered passphrases with a stand-in for Electron safeStorage (no Electron binary here)', () => {
  it('survive a restart of the app; "this session only" does not; forget removes it from the file', async () => {
    delete process.env.TIDEMARK_PASSWORD;
    const src = join(root, 'src');
    const dataDir = join(root, 'data');
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'f.txt'), 'keychain\n');
    const safe = standInSafeStorage({ backend: 'gnome_libsecret' });
    const open = () => openServices({ dataDir, transport: 'electron', concurrency: 1, secrets: keychainSecrets(safe, dataDir, 'linux') });
    const pw = 'remembered-passphrase-55';

    let svc = await open();
    const s = await call<PasswordState>(svc, 'setRepositoryPassword', { name: 'kc', password: pw, remember: true });
    expect(s).toMatchObject({ store: 'os-keychain', where: 'os-keychain', stored: true });
    await call(svc, 'addWorkload', { name: 'kc', engine: 'cas', config: { source: src, encrypted: true } });
    expect((await backup(svc)).state).toBe('succeeded');
    await svc.close();
    expect(readFileSync(join(dataDir, PASSWORD_FILE)).includes(Buffer.from(pw))).toBe(false);

    svc = await open(); // a new app start: the keychain still has it
    expect((await backup(svc)).state).toBe('succeeded');
    expect(await call<PasswordList>(svc, 'listRepositoryPasswords', {})).toMatchObject({ store: 'os-keychain', entries: [{ workload: 'kc', store: 'os-keychain' }] });
    await call(svc, 'forgetRepositoryPassword', { name: 'kc' });
    expect(JSON.parse(readFileSync(join(dataDir, PASSWORD_FILE), 'utf8'))).toEqual({ v: 1, entries: {} });
    await call(svc, 'setRepositoryPassword', { name: 'kc', password: pw, remember: false });
    await svc.close();

    svc = await open();
    const r = await svc.call('startBackup', { name: 'kc' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.details).toEqual({ needsPassword: 'kc' });
    await svc.close();
  }, 120_000);
});
