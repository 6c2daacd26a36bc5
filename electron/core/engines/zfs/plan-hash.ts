import { createHash } from 'node:crypto';
import type { Operation } from './plan-types.js';

/** Identifies a plan by what it would do, so consent given for one plan never applies to another. */
export function planHash(ops: Operation[], destroys: unknown): string {
  const canonical = JSON.stringify({ ops: ops.map((o) => [o.kind, o.side, o.dataset, o.from ?? '', o.to ?? '', o.snapshots, o.guids, !!o.requiresConsent, !!o.forceReceive]), destroys });
  return `sha256:${createHash('sha256').update(canonical).digest('hex').slice(0, 32)}`;
}
