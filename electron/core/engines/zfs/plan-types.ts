import type { Capabilities } from './capabilities.js';

export type OpKind = 'initial-transfer' | 'range-transfer' | 'delete' | 'range-delete';

/** One step of a plan. `from`/`to`/`snapshots` are snapshot names; `guids` pin exactly which snapshots were meant. */
export interface Operation {
  kind: OpKind;
  side: 'local' | 'remote';
  /** the full dataset name on `side` (the receiving side for transfers) */
  dataset: string;
  /** dataset path relative to the roots */
  rel: string;
  from?: string;
  to?: string;
  /** the snapshots this step creates (transfers) or destroys (deletes), oldest first */
  snapshots: string[];
  /** guid of each name in `snapshots` (and of `from` under the key `from`): checked again right before running */
  guids: Record<string, string>;
  estimatedBytes?: number;
  reason: string;
  /** destroys something only the user may allow (a diverged remote): runs only with consent for this plan's hash */
  requiresConsent?: boolean;
  /** receive with -F (roll back changes made on the remote since its latest snapshot); only with consent */
  forceReceive?: boolean;
}

export interface TargetItem {
  name: string;
  guid: string;
  keep: boolean;
  reasons: string[];
}

export interface DatasetPlan {
  rel: string;
  local: string;
  remote: string | null;
  status: 'ok' | 'up-to-date' | 'blocked' | 'needs-consent';
  /** why a dataset is blocked / needs consent, and what the user can do */
  explanation?: string;
  options?: string[];
  localTarget: TargetItem[];
  remoteTarget: TargetItem[];
}

export interface Plan {
  workload: string;
  createdAt: string;
  operations: Operation[];
  datasets: DatasetPlan[];
  valid: boolean;
  /** what the simulation found wrong (empty when valid) */
  problems: string[];
  /** what consent would allow: exactly what it would destroy */
  consent: { hash: string; destroys: { dataset: string; snapshots: string[]; /** the dataset's live contents are overwritten */ contents?: boolean }[] } | null;
  /** sha256 over operations + consent list: `sync --consent HASH` must match it */
  hash: string;
  capabilities: { local: Capabilities | null; remote: Capabilities | null };
}
