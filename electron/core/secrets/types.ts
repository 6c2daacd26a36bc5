// Where repository passphrases live between uses. Keyed by workload name; values never leave main.

/** 'os-keychain': encrypted by the OS (Electron safeStorage) and kept on disk; 'session-memory': gone when the process ends. */
export type SecretStoreKind = 'os-keychain' | 'session-memory';

export interface SecretStore {
  readonly kind: SecretStoreKind;
  get(workload: string): string | undefined;
  set(workload: string, secret: string): void;
  /** true when there was something to delete */
  delete(workload: string): boolean;
  /** the workloads that have a secret here (never the secrets) */
  list(): string[];
}
