import type { SecretStore } from './types.js';

/** Secrets for the life of this process only: the headless server, the CLI, or Electron without a usable keychain. */
export class MemorySecretStore implements SecretStore {
  readonly kind = 'session-memory' as const;
  private readonly secrets = new Map<string, string>();

  get(workload: string): string | undefined {
    return this.secrets.get(workload);
  }
  set(workload: string, secret: string): void {
    this.secrets.set(workload, secret);
  }
  delete(workload: string): boolean {
    return this.secrets.delete(workload);
  }
  list(): string[] {
    return [...this.secrets.keys()].sort();
  }
}
