import type { IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES } from '../../shared/contract/index.js';
import { fail, toTidemarkError, type Result } from '../../shared/result.js';

/** One channel per contract method: the preload names each one explicitly, there is no generic channel. */
export const channelFor = (method: string) => `tidemark:${method}`;

/** The part of ipcMain used here (the real one in the app, a recorder in tests). */
export interface IpcRegistrar {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface CallService {
  /** Validates against the method's schema, then runs the handler; resolves to a Result, never throws. */
  call(name: unknown, input: unknown): Promise<Result<unknown>>;
}

/**
 * Registers `tidemark:<method>` for every method of the contract. The sender is checked first, then
 * services.call validates the input before any handler runs. Errors travel back as data: a rejected
 * invoke would reach the renderer as a bare string without its code.
 */
export function registerIpc(ipc: IpcRegistrar, services: CallService, trusted: (event: IpcMainInvokeEvent) => boolean): () => void {
  for (const name of METHOD_NAMES) {
    // Only the first argument is the input: extra arguments from a tampered renderer are ignored.
    ipc.handle(channelFor(name), async (event, input): Promise<Result<unknown>> => {
      if (!trusted(event)) return fail('forbidden', `${name}: refused a call that did not come from the Tidemark window`);
      try {
        return await services.call(name, input);
      } catch (e) {
        return { ok: false, error: toTidemarkError(e) };
      }
    });
  }
  return () => {
    for (const name of METHOD_NAMES) ipc.removeHandler(channelFor(name));
  };
}
