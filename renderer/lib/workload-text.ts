import type { Workload } from '../../shared/domain.js';

export const ENGINE_LABEL = { cas: 'Folder', zfs: 'ZFS', disk: 'Disk image' } as const;

/** What the workload protects, in one line. */
export function sourceText(w: Workload): string {
  switch (w.engine) {
    case 'cas':
      return w.config.source;
    case 'disk':
      return w.config.image;
    case 'zfs': {
      const r = w.config.remote;
      return r ? `${w.config.dataset} → ${r.user}@${r.host}${r.port === 22 ? '' : `:${r.port}`}/${r.dataset}` : w.config.dataset;
    }
  }
}

/** Where the backups live and stay after the workload is removed from Tidemark. */
export function keptDataText(w: Workload): string {
  switch (w.engine) {
    case 'cas':
      return w.config.repo ? `the repository at ${w.config.repo}` : 'the repository in the data folder';
    case 'disk':
      return w.config.repo ? `the image snapshots in ${w.config.repo}` : 'the image snapshots in the data folder';
    case 'zfs':
      return w.config.remote ? `the snapshots of ${w.config.dataset} and of ${w.config.remote.dataset} on ${w.config.remote.host}` : `the snapshots of ${w.config.dataset}`;
  }
}
