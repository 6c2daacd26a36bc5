import type { EventName, Events } from '../../../shared/contract/events.js';
import type { Catalog } from '../catalog/index.js';
import type { JobRunner } from '../jobs/runner.js';
import type { Secrets } from '../secrets/secrets.js';

/** What every request handler may use. */
export interface HandlerContext {
  dataDir: string;
  transport: 'electron' | 'web' | 'cli';
  catalog: Catalog;
  jobs: JobRunner;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  /** Throws `forbidden` for a path outside the allowed roots (renderer transports); the CLI is the user's own shell and is not restricted. Returns the resolved path. */
  allowPath(path: string): string;
  allowedRoots(): string[];
  /** repository passphrases given through the app (never returned to a caller) */
  secrets: Secrets;
}
