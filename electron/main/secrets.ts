// "Remember this passphrase" in the desktop app: Electron's safeStorage (Keychain on macOS, DPAPI on
// Windows, libsecret/kwallet on Linux) encrypts it; the ciphertext lives in <dataDir>/passwords.json (0600).
// Takes safeStorage as a parameter so it can be tested without the Electron binary.
import { join } from 'node:path';
import { EncryptedFileStore, type StringCipher } from '../core/secrets/encrypted-file-store.js';
import { memoryOnly, type SecretsSetup } from '../core/secrets/secrets.js';

/** The part of Electron's `safeStorage` used here. */
export interface SafeStorageLike extends StringCipher {
  isEncryptionAvailable(): boolean;
  /** Linux only: 'basic_text' means a hard-coded key, i.e. no protection at all */
  getSelectedStorageBackend?(): string;
}

export const PASSWORD_FILE = 'passwords.json';

/** The OS keychain when it really protects something; otherwise memory only, with the reason for the UI. */
export function keychainSecrets(safeStorage: SafeStorageLike, dataDir: string, platform: NodeJS.Platform = process.platform): SecretsSetup {
  if (!safeStorage.isEncryptionAvailable()) return memoryOnly('The OS keychain is not available: passphrases are kept in memory until Tidemark quits.');
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text' || backend === 'unknown') return memoryOnly(`No OS keyring is running (storage backend ${backend}): passphrases are kept in memory until Tidemark quits.`);
  }
  try {
    return { persistent: new EncryptedFileStore(safeStorage, join(dataDir, PASSWORD_FILE)), note: 'Remembered passphrases are encrypted by the OS keychain; the others are kept until Tidemark quits.' };
  } catch (e) {
    // a damaged password file must not keep the app from starting: it asks for passphrases instead
    return memoryOnly(`${(e as Error).message}. Passphrases are kept in memory until Tidemark quits.`);
  }
}
