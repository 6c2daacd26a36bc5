import type { PasswordState } from '../../../shared/contract/index.js';
import type { Workload } from '../../../shared/domain.js';
import { CodedError } from '../../../shared/result.js';
import { casRepoOf } from '../engines/cas/adapter.js';
import { noteOpened } from '../engines/cas/kept-passphrase.js';
import { Repository } from '../engines/cas/repo/repository.js';
import type { HandlerContext } from './context.js';
import type { HandlerMap } from './types.js';

type Methods = 'setRepositoryPassword' | 'forgetRepositoryPassword' | 'changeRepositoryPassword' | 'getRepositoryPasswordState' | 'listRepositoryPasswords';

/** Repository passphrases from the UI. A passphrase is checked, kept by `ctx.secrets`, and never returned or logged. */
export function secretHandlers(ctx: HandlerContext): HandlerMap<Methods> {
  const { catalog, secrets } = ctx;
  const state = (name: string): PasswordState => {
    const w = catalog.workloads.find(name);
    const where = secrets.where(name);
    return {
      name,
      encrypted: w?.engine === 'cas' && !!w.config.encrypted,
      stored: where !== null,
      where,
      fromEnvironment: !!process.env.TIDEMARK_PASSWORD,
      store: secrets.kind,
      note: secrets.setup.note,
    };
  };
  /** The repository of an encrypted folder backup; any other workload has no passphrase. */
  const encryptedRepoOf = (w: Workload): string => {
    if (w.engine !== 'cas' || !w.config.encrypted) throw new CodedError('bad-input', `workload ${w.name} is not an encrypted folder backup: it has no passphrase`);
    return casRepoOf(w, { dataDir: ctx.dataDir });
  };
  return {
    setRepositoryPassword: async ({ name, password, remember }) => {
      const w = catalog.workloads.find(name);
      if (w) {
        // Checked before it is kept: a wrong one is said now (forbidden) and the dialog asks again.
        const repo = encryptedRepoOf(w);
        await Repository.open(repo, { passphrase: password });
        await noteOpened(repo, password); // the first job need not check it again
      }
      // No workload yet: the add form gives the passphrase first; addWorkload then creates the
      // repository with it or checks it against an existing one.
      secrets.set(name, password, remember);
      return state(name);
    },
    changeRepositoryPassword: async ({ name, current, next, remember }) => {
      const repo = encryptedRepoOf(catalog.workloads.get(name));
      await Repository.changePassphrase(repo, current, next);
      await noteOpened(repo, next);
      // the one kept before (if any) no longer opens the repository; jobs from now on need the new one
      secrets.set(name, next, remember);
      return state(name);
    },
    forgetRepositoryPassword: async ({ name }) => {
      secrets.forget(name);
      return state(name);
    },
    getRepositoryPasswordState: async ({ name }) => state(name),
    listRepositoryPasswords: async () => ({ store: secrets.kind, note: secrets.setup.note, entries: secrets.list() }),
  };
}
