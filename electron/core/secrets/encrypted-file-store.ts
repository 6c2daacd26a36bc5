import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { CodedError } from '../../../shared/result.js';
import type { SecretStore } from './types.js';

/** What the store needs from the OS: Electron's safeStorage has exactly this shape. */
export interface StringCipher {
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

interface FileShape {
  v: 1;
  /** workload name → base64 of the OS-encrypted secret */
  entries: Record<string, string>;
}

/**
 * Secrets encrypted by an OS cipher, kept in one JSON file readable by this user only (0600).
 * The file holds ciphertext only: without the OS login keyring it is useless to whoever copies it.
 * Written whole to a temp file and renamed, so a crash leaves the old file or the new one.
 */
export class EncryptedFileStore implements SecretStore {
  readonly kind = 'os-keychain' as const;
  private entries: Map<string, string>;

  constructor(
    private readonly cipher: StringCipher,
    private readonly file: string,
  ) {
    this.entries = readEntries(file);
  }

  get(workload: string): string | undefined {
    const sealed = this.entries.get(workload);
    if (sealed === undefined) return undefined;
    try {
      return this.cipher.decryptString(Buffer.from(sealed, 'base64'));
    } catch {
      // the OS key changed (new login keyring, another machine): the entry is useless, the user is asked again
      return undefined;
    }
  }

  set(workload: string, secret: string): void {
    this.save(new Map(this.entries).set(workload, this.cipher.encryptString(secret).toString('base64')));
  }

  delete(workload: string): boolean {
    if (!this.entries.has(workload)) return false;
    const rest = new Map(this.entries);
    rest.delete(workload);
    this.save(rest);
    return true;
  }

  list(): string[] {
    return [...this.entries.keys()].sort();
  }

  private save(entries: Map<string, string>): void {
    const tmp = `${this.file}.tmp-${process.pid}`;
    const body: FileShape = { v: 1, entries: Object.fromEntries(entries) };
    writeFileSync(tmp, JSON.stringify(body) + '\n', { mode: 0o600 });
    chmodSync(tmp, 0o600); // an existing temp file keeps its old mode under writeFileSync
    renameSync(tmp, this.file);
    this.entries = entries;
  }
}

function readEntries(file: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new CodedError('io', `cannot read the password file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as Partial<FileShape>;
    if (parsed.v !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null) throw new Error('unknown layout');
    return new Map(Object.entries(parsed.entries).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    throw new CodedError('corrupt', `the password file ${file} is damaged; delete it and give the passwords again`);
  }
}
