import { z } from 'zod';
import { nameSchema } from '../domain.js';
import { method } from './define.js';

// Passphrases of encrypted cas repositories, given from the UI. A passphrase goes in and never comes
// back out: these methods return only where it is kept.

/** 'os-keychain': encrypted by the OS and kept on disk; 'session-memory': until the app or server stops. */
export type PasswordStoreKind = 'os-keychain' | 'session-memory';

export interface PasswordState {
  name: string;
  encrypted: boolean;
  /** a passphrase was given through the app and is kept (see `where`) */
  stored: boolean;
  where: PasswordStoreKind | null;
  /** the server was started with TIDEMARK_PASSWORD */
  fromEnvironment: boolean;
  /** what "remember" would use on this installation */
  store: PasswordStoreKind;
  /** one sentence on where passphrases are kept, e.g. "Passphrases are kept in memory until the server stops." */
  note: string;
}

export interface PasswordList {
  store: PasswordStoreKind;
  note: string;
  entries: { workload: string; store: PasswordStoreKind }[];
}

/** A passphrase, or an age identity (AGE-SECRET-KEY-1…) for a repository protected by recipients. */
export const passwordSchema = z.string().min(1, 'a passphrase is required').max(1024, 'a passphrase is at most 1024 characters');

export const secretMethods = {
  /** Checks the passphrase against the repository (wrong → forbidden, nothing kept), then keeps it. */
  setRepositoryPassword: method<PasswordState>()(z.object({ name: nameSchema, password: passwordSchema, remember: z.boolean() }).strict()),
  forgetRepositoryPassword: method<PasswordState>()(z.object({ name: nameSchema }).strict()),
  /**
   * A new passphrase for an encrypted folder backup's repository (wrong current → forbidden, nothing
   * changed); then the new one is kept as setRepositoryPassword keeps one.
   */
  changeRepositoryPassword: method<PasswordState>()(z.object({ name: nameSchema, current: passwordSchema, next: passwordSchema, remember: z.boolean() }).strict()),
  getRepositoryPasswordState: method<PasswordState>()(z.object({ name: nameSchema }).strict()),
  listRepositoryPasswords: method<PasswordList>()(z.object({}).strict()),
};
