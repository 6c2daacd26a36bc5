import { join } from 'node:path';
import { openDb, type Db } from './db.js';
import { jobStore } from './jobs.js';
import { settingStore } from './settings.js';
import { snapshotStore } from './snapshots.js';
import { workloadStore } from './workloads.js';

export const CATALOG_FILE = 'tidemark.db';

/** The catalog: a cache of the truth that lives in repositories and pools (it can be rebuilt from them). */
export function openCatalog(dataDir: string) {
  const db: Db = openDb(join(dataDir, CATALOG_FILE));
  return {
    db,
    workloads: workloadStore(db),
    snapshots: snapshotStore(db),
    jobs: jobStore(db),
    settings: settingStore(db),
    close: () => db.close(),
  };
}
export type Catalog = ReturnType<typeof openCatalog>;
