// The keychain store over Electron's safeStorage. safeStorage only exists inside the Electron binary,
// which cannot be installed on this machine: these tests run the real store against a stand-in with
// safeStorage's interface that really encrypts (AES-256-GCM under a key playing the OS keyring).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EncryptedFileStore } from '../../../electron/core/secrets/encrypted-file-store.js';
import { keychainSecrets, PASSWORD_FILE } from '../../../electron/main/secrets.js';
import { standInSafeStorage } from './safe-storage-stand-in.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tidemark-keychain-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("keychain store, with a stand-in for Electron's safeStorage (no Electron binary here)", () => {
  const secret = 'correct horse battery staple ✓';

  it('persists only ciphertext, in a 0600 file, and reads it back in a new process', () => {
    const safe = standInSafeStorage({ backend: 'gnome_libsecret' });
    const setup = keychainSecrets(safe, dir, 'linux');
    expect(setup.persistent?.kind).toBe('os-keychain');
    setup.persistent!.set('docs', secret);
    const file = join(dir, PASSWORD_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from(secret))).toBe(false);
    expect(bytes.includes(Buffer.from('correct horse'))).toBe(false);
    expect(bytes.toString()).toContain('docs'); // the workload name is not secret

    const again = keychainSecrets(standInSafeStorage({ backend: 'gnome_libsecret', key: safe.key }), dir, 'linux');
    expect(again.persistent!.get('docs')).toBe(secret);
    expect(again.persistent!.list()).toEqual(['docs']);
  });

  it('delete removes the entry from the file', () => {
    const store = new EncryptedFileStore(standInSafeStorage(), join(dir, PASSWORD_FILE));
    store.set('a', 'one');
    store.set('b', 'two');
    expect(store.delete('a')).toBe(true);
    expect(store.delete('a')).toBe(false);
    const reread = JSON.parse(readFileSync(join(dir, PASSWORD_FILE), 'utf8')) as { entries: Record<string, string> };
    expect(Object.keys(reread.entries)).toEqual(['b']);
    expect(existsSync(`${join(dir, PASSWORD_FILE)}.tmp-${process.pid}`)).toBe(false);
  });

  it('an entry the OS keyring can no longer decrypt (another login keyring) is treated as absent, not as a crash', () => {
    new EncryptedFileStore(standInSafeStorage(), join(dir, PASSWORD_FILE)).set('docs', secret);
    const other = new EncryptedFileStore(standInSafeStorage(), join(dir, PASSWORD_FILE));
    expect(other.get('docs')).toBeUndefined();
    expect(other.list()).toEqual(['docs']); // still listed, so Settings can forget it
  });

  it('a damaged password file is a clear error, and the app still starts (memory only, saying why)', () => {
    writeFileSync(join(dir, PASSWORD_FILE), '{not json');
    expect(() => new EncryptedFileStore(standInSafeStorage(), join(dir, PASSWORD_FILE))).toThrow(/password file .* is damaged/);
    const setup = keychainSecrets(standInSafeStorage(), dir, 'darwin');
    expect(setup.persistent).toBeNull();
    expect(setup.note).toMatch(/password file .* is damaged.*kept in memory until Tidemark quits/);
    expect(readFileSync(join(dir, PASSWORD_FILE), 'utf8')).toBe('{not json'); // left for the user to look at
  });

  it('refuses to persist when encryption is unavailable, and says so', () => {
    const setup = keychainSecrets(standInSafeStorage({ available: false }), dir, 'darwin');
    expect(setup.persistent).toBeNull();
    expect(setup.note).toMatch(/OS keychain is not available.*kept in memory until Tidemark quits/);
    expect(existsSync(join(dir, PASSWORD_FILE))).toBe(false);
  });

  it("refuses Linux's basic_text backend (a hard-coded key protects nothing)", () => {
    const setup = keychainSecrets(standInSafeStorage({ backend: 'basic_text' }), dir, 'linux');
    expect(setup.persistent).toBeNull();
    expect(setup.note).toMatch(/basic_text.*kept in memory/);
  });

  it('macOS and Windows have no backend choice: available means the keychain / DPAPI', () => {
    expect(keychainSecrets(standInSafeStorage(), dir, 'darwin').persistent?.kind).toBe('os-keychain');
    expect(keychainSecrets(standInSafeStorage(), dir, 'win32').persistent?.kind).toBe('os-keychain');
  });
});
