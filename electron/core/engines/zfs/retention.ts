import type { RetentionPolicy } from '../../../../shared/retention/policy.js';
import { explain } from '../../../../shared/retention/explain.js';

// The planner depends on the shared retention engine only through this shape, so planner tests and
// the worker use the very same pure code the renderer previews with.

export interface RetentionInput {
  id: string;
  createdAt: string;
  type?: string;
  tags?: string[];
  pinned?: boolean;
  bytes?: number;
}

export interface Verdict {
  id: string;
  keep: boolean;
  reasons: string[];
}

export interface Protection {
  id: string;
  reason: string;
}

export type Explain = (snapshots: RetentionInput[], policy: RetentionPolicy, opts: { now: Date; timeZone: string; protections: Protection[] }) => Verdict[];

/** The shared retention engine (shared/retention), the same code the renderer previews with. */
export const sharedExplain: Explain = (snapshots, policy, opts) => explain(snapshots, policy, opts).items;
