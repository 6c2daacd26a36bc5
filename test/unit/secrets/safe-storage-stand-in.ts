// A stand-in for Electron's safeStorage (the Electron binary cannot be installed here): same
// interface, and it really encrypts (AES-256-GCM under a key that plays the OS login keyring).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageLike } from '../../../electron/main/secrets.js';

export function standInSafeStorage(o: { available?: boolean; backend?: string; key?: Buffer } = {}): SafeStorageLike & { key: Buffer } {
  const key = o.key ?? randomBytes(32);
  return {
    key,
    isEncryptionAvailable: () => o.available ?? true,
    ...(o.backend ? { getSelectedStorageBackend: () => o.backend! } : {}),
    encryptString(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(buf) {
      const d = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      d.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
    },
  };
}
