import { createHash } from 'node:crypto';
import type { Operation } from './plan-types.js';

/** Identifies a plan by what it would do, so consent given for one plan never applies to another. */
export function planHash(ops: Operation[], destroys: unknown): string {
  const h = createHash('sha256');
  // one update per op: no giant JSON string for plans with 100,000 snapshots in them
  for (const o of ops) h.update(`${o.kind}\0${o.side}\0${o.dataset}\0${o.from ?? ''}\0${o.to ?? ''}\0${o.fromGuid ?? ''}\0${o.snapshots.join('/')}\0${o.guids.join(',')}\0${o.requiresConsent ? 1 : 0}${o.forceReceive ? 1 : 0}\n`);
  h.update(JSON.stringify(destroys));
  return `sha256:${h.digest('hex').slice(0, 32)}`;
}
