import type { AddWorkloadInput } from '../../../shared/contract/index.js';
import type { Engine } from '../../../shared/domain.js';
import { POLICY_PRESETS, SCHEDULE_OPTIONS } from './presets.js';

export interface WorkloadForm {
  name: string;
  engine: Engine;
  source: string;
  repo: string;
  image: string;
  dataset: string;
  remote: boolean;
  user: string;
  host: string;
  port: string;
  remoteDataset: string;
  identity: string;
  schedule: string;
  preset: string;
}

export const EMPTY_FORM: WorkloadForm = {
  name: '',
  engine: 'cas',
  source: '',
  repo: '',
  image: '',
  dataset: '',
  remote: false,
  user: 'root',
  host: '127.0.0.1',
  port: '22',
  remoteDataset: '',
  identity: '',
  schedule: 'manual',
  preset: 'default',
};

/** Completion leaves folders with a trailing slash; the stored path should not carry it. */
export const cleanPath = (s: string) => s.trim().replace(/(.)\/+$/, '$1');
const opt = (s: string) => (s.trim() === '' ? undefined : cleanPath(s));

/** The form as the addWorkload input; the server's schema has the final word on every field. */
export function toAddInput(f: WorkloadForm): AddWorkloadInput {
  const policy = POLICY_PRESETS.find((p) => p.id === f.preset)?.policy;
  const schedule = SCHEDULE_OPTIONS.find((s) => s.id === f.schedule)?.schedule ?? null;
  const common = { name: f.name.trim(), ...(policy ? { policy } : {}), schedule };
  switch (f.engine) {
    case 'cas':
      return { ...common, engine: 'cas', config: { source: cleanPath(f.source), ...(opt(f.repo) ? { repo: opt(f.repo) } : {}) } };
    case 'disk':
      return { ...common, engine: 'disk', config: { image: cleanPath(f.image), ...(opt(f.repo) ? { repo: opt(f.repo) } : {}) } };
    case 'zfs':
      return {
        ...common,
        engine: 'zfs',
        config: {
          dataset: f.dataset.trim(),
          ...(f.remote
            ? {
                remote: {
                  user: f.user.trim(),
                  host: f.host.trim(),
                  port: Number(f.port) || 22,
                  dataset: f.remoteDataset.trim(),
                  ...(opt(f.identity) ? { identity: opt(f.identity) } : {}),
                },
              }
            : {}),
        },
      };
  }
}
