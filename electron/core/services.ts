import { existsSync, mkdirSync, accessSync, constants } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { EventName, Events } from '../../shared/contract/events.js';
import { validateCall } from '../../shared/contract/validate.js';
import { CodedError, fail, ok, toTidemarkError, type Result } from '../../shared/result.js';
import { openCatalog, type Catalog } from './catalog/index.js';
import { makeHandlers } from './handlers/index.js';
import type { HandlerContext } from './handlers/context.js';
import type { HandlerMap } from './handlers/types.js';
import type { MethodName } from '../../shared/contract/index.js';
import { JobRunner } from './jobs/runner.js';
import { checkAllowed, defaultAllowedRoots } from './paths.js';
import { registerSecrets } from './secrets/lookup.js';
import { memoryOnly, Secrets, type SecretsSetup } from './secrets/secrets.js';

export interface ServicesOptions {
  dataDir: string;
  /** 'cli' is the user's own shell: paths are not restricted to the allowed roots. */
  transport: 'electron' | 'web' | 'cli';
  /** the job worker bundle; defaults to dist/worker.js next to this bundle (or in the repo when running from source) */
  workerUrl?: URL;
  concurrency?: number;
  /** Handlers only the host process can provide (Electron's native dialogs); inputs are still validated first. */
  overrides?: Partial<HandlerMap<MethodName>>;
  /** Where "remember this passphrase" keeps it: the desktop app passes its OS keychain; default: memory only. */
  secrets?: SecretsSetup;
}

const MEMORY_NOTE = {
  electron: 'Passphrases are kept in memory until Tidemark quits.',
  web: 'Passphrases are kept in memory until the server stops.',
  cli: 'Passphrases come from TIDEMARK_PASSWORD.',
} as const;

export interface Services {
  dataDir: string;
  catalog: Catalog;
  jobs: JobRunner;
  /** Validates then runs a contract method. Never throws: errors come back as data. */
  call(name: unknown, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
  close(): Promise<void>;
}

export async function openServices(o: ServicesOptions): Promise<Services> {
  ensureWritableDir(o.dataDir);
  const catalog = openCatalog(o.dataDir);
  const interrupted = catalog.jobs.failInterrupted();
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  const emit = <E extends EventName>(event: E, payload: Events[E]) => {
    for (const l of listeners) {
      try {
        l(event, payload);
      } catch {
        // one broken subscriber (a closed socket) must not stop the others
      }
    }
  };
  const jobs = new JobRunner({
    catalog,
    workerUrl: o.workerUrl ?? defaultWorkerUrl(),
    concurrency: o.concurrency ?? Math.max(2, availableParallelism()),
    emit,
  });
  const secrets = new Secrets(o.secrets ?? memoryOnly(MEMORY_NOTE[o.transport]));
  const unregisterSecrets = registerSecrets(o.dataDir, secrets);
  const allowedRoots = () => [...defaultAllowedRoots(o.dataDir), ...catalog.settings.get<string[]>('allowedRoots', [])];
  const ctx: HandlerContext = {
    dataDir: o.dataDir,
    transport: o.transport,
    catalog,
    jobs,
    emit,
    allowedRoots,
    allowPath: (p) => (o.transport === 'cli' ? p : checkAllowed(p, allowedRoots())),
    secrets,
  };
  const handlers = { ...makeHandlers(ctx), ...o.overrides };
  if (interrupted > 0) emit('catalogChanged', { entity: 'jobs' });

  return {
    dataDir: o.dataDir,
    catalog,
    jobs,
    async call(name, input) {
      const v = validateCall(name, input);
      if (!v.ok) return v;
      try {
        const handler = handlers[v.value.name] as (i: unknown) => Promise<unknown>;
        return ok(await handler(v.value.input));
      } catch (e) {
        const err = toTidemarkError(e);
        return fail(err.code, err.message, err.details);
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await jobs.close();
      unregisterSecrets();
      listeners.clear();
      catalog.close();
    },
  };
}

function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new CodedError('io', `the data directory ${dir} is not writable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** dist/worker.js beside the running bundle; from source (tests), the repo's dist/worker.js built by `npm run build`. */
export function defaultWorkerUrl(): URL {
  const candidates = [new URL('./worker.js', import.meta.url), new URL('../../dist/worker.js', import.meta.url)];
  for (const c of candidates) if (existsSync(fileURLToPath(c))) return c;
  throw new CodedError('internal', 'the job worker bundle (dist/worker.js) is missing: run `npm run build`');
}
