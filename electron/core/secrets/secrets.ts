import { MemorySecretStore } from './memory-store.js';
import type { SecretStore, SecretStoreKind } from './types.js';

export interface PasswordEntry {
  workload: string;
  /** where this one is kept */
  store: SecretStoreKind;
}

/** What the process can offer for "remember": the OS keychain, or memory only and why. */
export interface SecretsSetup {
  persistent: SecretStore | null;
  /** one sentence for the UI, e.g. "Passphrases are kept in memory until the server stops." */
  note: string;
}

/**
 * Repository passphrases of this process: a remembered one lives in the OS keychain store (when
 * there is one), any other only in memory. A session entry shadows a remembered one, so "use this
 * once" never overwrites what the keychain holds.
 */
export class Secrets {
  private readonly session = new MemorySecretStore();

  constructor(readonly setup: SecretsSetup) {}

  /** What "remember" means here. */
  get kind(): SecretStoreKind {
    return this.setup.persistent ? this.setup.persistent.kind : 'session-memory';
  }

  get(workload: string): string | undefined {
    return this.session.get(workload) ?? this.setup.persistent?.get(workload);
  }

  set(workload: string, secret: string, remember: boolean): void {
    if (remember && this.setup.persistent) {
      this.setup.persistent.set(workload, secret);
      this.session.delete(workload);
    } else {
      this.session.set(workload, secret);
    }
  }

  forget(workload: string): boolean {
    const a = this.session.delete(workload);
    const b = this.setup.persistent?.delete(workload) ?? false;
    return a || b;
  }

  where(workload: string): SecretStoreKind | null {
    if (this.session.get(workload) !== undefined) return 'session-memory';
    return this.setup.persistent?.get(workload) !== undefined ? this.setup.persistent.kind : null;
  }

  list(): PasswordEntry[] {
    const names = new Set([...this.session.list(), ...(this.setup.persistent?.list() ?? [])]);
    return [...names].sort().map((workload) => ({ workload, store: this.where(workload) ?? 'os-keychain' }));
  }
}

/** The headless server and the CLI: nothing survives the process. */
export const memoryOnly = (note: string): SecretsSetup => ({ persistent: null, note });
