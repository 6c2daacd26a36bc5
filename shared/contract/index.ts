import type { z } from 'zod';
import type { Result } from '../result.js';
import { appMethods } from './app.js';
import type { MethodDef } from './define.js';
import type { EventName, Events } from './events.js';
import { jobMethods } from './jobs.js';
import { retentionMethods } from './retention.js';
import { pruneMethods, snapshotMethods } from './snapshots.js';
import { workloadMethods } from './workloads.js';
import { casMethods } from './cas.js';
import { diskMethods } from './disk.js';
import { zfsMethods, zfsRestoreMethods } from './zfs.js';
import { secretMethods } from './secrets.js';
import { METHOD_NAMES as NAMES } from './names.js';

export * from './events.js';
export type { AppInfo, PathCheck } from './app.js';
export type { EstimateResult } from './jobs.js';
export type { AddWorkloadInput } from './workloads.js';
export type { PrunePreview } from './snapshots.js';
export type { PasswordList, PasswordState, PasswordStoreKind } from './secrets.js';

/** Every request method of Tidemark, one map per domain, intersected here (Actual Budget's pattern). */
export const methods = {
  ...appMethods,
  ...workloadMethods,
  ...jobMethods,
  ...snapshotMethods,
  ...pruneMethods,
  ...retentionMethods,
  ...casMethods,
  ...zfsMethods,
  ...zfsRestoreMethods,
  ...diskMethods,
  ...secretMethods,
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;
type Def<K extends MethodName> = Methods[K] extends MethodDef<infer S, infer O> ? { s: S; o: O } : never;
/** What a caller passes (before defaults are applied). */
export type Input<K extends MethodName> = z.input<Def<K>['s']>;
/** What a handler receives (after the schema parsed it). */
export type ParsedInput<K extends MethodName> = z.output<Def<K>['s']>;
export type Output<K extends MethodName> = Def<K>['o'];

// The names list must hold exactly the methods above: a method missing from it, or a name without a
// method, fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: Same<(typeof NAMES)[number], MethodName> = true;
void namesMatch;
export const METHOD_NAMES: readonly MethodName[] = NAMES;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}

/** What window.tidemark (and the WebSocket client) offers the renderer: one named function per method. */
export type TidemarkApi = { [K in MethodName]: (input: Input<K>) => Promise<Result<Output<K>>> } & {
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
};
