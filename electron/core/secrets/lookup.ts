import type { Secrets } from './secrets.js';

// Engine adapters receive only `{ dataDir }` (handlers build it in many places), and the data dir is
// what names one Tidemark instance: its catalog, its repositories, its secrets. So the services of a
// data dir register their secrets here and the cas adapter looks them up by it, instead of every
// handler threading a store through.
const byDataDir = new Map<string, Secrets>();

/** Returns the unregister function (services call it on close). */
export function registerSecrets(dataDir: string, secrets: Secrets): () => void {
  byDataDir.set(dataDir, secrets);
  return () => {
    if (byDataDir.get(dataDir) === secrets) byDataDir.delete(dataDir);
  };
}

/** Only a passphrase given through the app (not TIDEMARK_PASSWORD): the one the app can ask for again. */
export function keptPassphraseOf(dataDir: string, workload: string): string | undefined {
  return byDataDir.get(dataDir)?.get(workload);
}

/** The passphrase of a workload's repository: one given through the app, else TIDEMARK_PASSWORD (the CLI's way). */
export function passphraseOf(dataDir: string, workload: string): string | undefined {
  return keptPassphraseOf(dataDir, workload) ?? (process.env.TIDEMARK_PASSWORD || undefined);
}
