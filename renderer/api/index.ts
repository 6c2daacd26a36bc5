import type { Input, MethodName, Output, TidemarkApi } from '../../shared/contract/index.js';
import { WS_PATH } from '../../shared/contract/wire.js';
import type { Result, TidemarkError } from '../../shared/result.js';
import { socketUrlFor } from './early.js';
import { callKey, createWsApi, type ConnectionState, type WsApi } from './ws-client.js';

declare global {
  interface Window {
    /** set by the Electron preload; absent in the browser (`tidemark serve`) */
    tidemark?: TidemarkApi;
  }
}

type StateListener = (state: ConnectionState, detail?: string) => void;
const stateListeners = new Set<StateListener>();
let lastState: { state: ConnectionState; detail?: string } = { state: 'open' };

export const transport: 'electron' | 'web' = window.tidemark ? 'electron' : 'web';

/** The one API object the app talks to: the preload bridge when present, otherwise the WebSocket. */
export const api: TidemarkApi =
  window.tidemark ??
  createWsApi({
    url: socketUrlFor(window.location, WS_PATH),
    early: window.__tidemarkEarly,
    onState: (state, detail) => {
      lastState = { state, detail };
      for (const l of stateListeners) l(state, detail);
    },
  });

export function onConnectionState(listener: StateListener): () => void {
  stateListeners.add(listener);
  listener(lastState.state, lastState.detail);
  return () => void stateListeners.delete(listener);
}

/** A failed call, thrown by `request` so UI code can use try/catch and still show the server's message. */
export class ApiError extends Error {
  readonly code: TidemarkError['code'];
  readonly details: unknown;
  constructor(error: TidemarkError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.details = error.details;
  }
}

/** Asks for a workload's repository passphrase (the passphrase dialog); true when one was given. */
type PasswordPrompt = (workload: string) => Promise<boolean>;
let passwordPrompt: PasswordPrompt | null = null;
export function setPasswordPrompt(prompt: PasswordPrompt | null): void {
  passwordPrompt = prompt;
}

/** The workload whose encrypted repository needs a passphrase, when that is why a call failed. */
export function needsPasswordOf(error: TidemarkError): string | null {
  const d = error.details as { needsPassword?: unknown } | undefined;
  return typeof d?.needsPassword === 'string' ? d.needsPassword : null;
}

const prefetched = new Map<string, Promise<Result<unknown>>>();

/**
 * Sends a page load's first requests at once, while React and the contract's schemas are still being
 * evaluated; the first `request` with the same method and input takes the answer (once). In the browser
 * the early socket usually sent them already (api/early.ts): their answers are taken over from it.
 */
export function prefetch(calls: ReadonlyArray<readonly [MethodName, unknown]>): void {
  const early = (api as Partial<WsApi>).takeEarly;
  for (const [name, input] of calls) {
    const fn = api[name] as unknown as (i: unknown) => Promise<Result<unknown>>;
    prefetched.set(callKey(name, input), early?.(name, input) ?? fn(input));
  }
}

/** The app has made its first requests: answers nobody took are dropped, not served stale later. */
export function endPrefetch(): void {
  prefetched.clear();
}

export async function request<K extends MethodName>(name: K, input: Input<K>): Promise<Output<K>> {
  const key = callKey(name, input);
  const early = prefetched.get(key) as Promise<Result<Output<K>>> | undefined;
  prefetched.delete(key);
  // The union of all method signatures cannot be narrowed by K; the map itself guarantees the pairing.
  const fn = api[name] as unknown as (i: Input<K>) => Promise<Result<Output<K>>>;
  let result = early && (await early);
  // an early request lost with its socket (not sent, or sent and cut off) is simply asked again
  if (!result || (!result.ok && result.error.code === 'io')) result = await fn(input);
  return settle(result, () => request(name, input));
}

/** A result's value, or its error thrown. Any action on an encrypted repository (backup, restore, browse) that lacks its passphrase asks for it, then runs again. */
async function settle<T>(result: Result<T>, again: () => Promise<T>): Promise<T> {
  if (result.ok) return result.value;
  const workload = needsPasswordOf(result.error);
  if (workload && passwordPrompt && (await passwordPrompt(workload))) return again();
  throw new ApiError(result.error);
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * A call to a method that may not be in this build's contract yet (engine methods arrive one by one):
 * fails with a clear error instead of a TypeError when the method is missing.
 */
export async function requestOptional<T>(name: string, input: unknown): Promise<T> {
  const fn = (api as unknown as Record<string, ((i: unknown) => Promise<Result<unknown>>) | undefined>)[name];
  if (typeof fn !== 'function') throw new ApiError({ code: 'unknown-method', message: `this version of Tidemark cannot ${name} yet` });
  return settle((await fn(input)) as Result<T>, () => requestOptional<T>(name, input));
}

export function hasMethod(name: string): boolean {
  return typeof (api as unknown as Record<string, unknown>)[name] === 'function';
}
