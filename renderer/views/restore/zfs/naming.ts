import type { Snapshot, Workload } from '../../../../shared/domain.js';

export interface ZfsSnapMeta {
  dataset: string;
  name: string;
  rel: string;
  guid: string;
}

export function zfsMeta(s: Snapshot): ZfsSnapMeta {
  const m = s.meta as Partial<ZfsSnapMeta>;
  return { dataset: m.dataset ?? '', name: m.name ?? '', rel: m.rel ?? '', guid: m.guid ?? '' };
}

/**
 * The dataset a restore proposes, by the engine's rule (zfs/restore.ts restoreDataset): a sibling of
 * the local dataset the snapshot belongs to, named after the snapshot — never the original.
 */
export function proposedDataset(w: Extract<Workload, { engine: 'zfs' }>, s: Snapshot): string {
  const m = zfsMeta(s);
  const local = s.location === 'local' ? m.dataset : m.rel ? `${w.config.dataset}/${m.rel}` : w.config.dataset;
  const safe = m.name.replace(/[^A-Za-z0-9_.:-]/g, '_');
  return local.includes('/') ? `${local}-restore-${safe}` : `${local}/restore-${safe}`;
}
