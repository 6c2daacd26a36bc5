// Large snapshot histories written straight into a real catalog file: no engine makes 50,000 backups in
// a test or bench run, but everything from the catalog onwards (host, contract, renderer) is the real app.
import { openCatalog } from '../../electron/core/catalog/index.js';
import type { SnapshotRecord } from '../../electron/core/jobs/types.js';

export interface SeedSpec {
  /** an existing workload (added through the CLI, as a user would) */
  workload: string;
  count: number;
  stepMs: number;
  /** zfs-like: a remote copy of three snapshots in four, linked to the local one by guid */
  twoLanes?: boolean;
}

/** Hourly-type history ending now, with dailies, weeklies, a few manual backups and tagged releases. */
export function seedSnapshots(dataDir: string, specs: SeedSpec[], now = Date.now()): void {
  const cat = openCatalog(dataDir);
  try {
    for (const { workload, count, stepMs, twoLanes } of specs) {
      const w = cat.workloads.get(workload);
      const recs: SnapshotRecord[] = [];
      for (let i = 0; i < count; i++) {
        const at = new Date(now - (count - i) * stepMs).toISOString();
        const type = i % 168 === 0 ? 'weekly' : i % 24 === 0 ? 'daily' : i % 101 === 0 ? 'manual' : 'hourly';
        const base = { workloadId: w.id, engine: 'cas' as const, type, tags: i % 997 === 0 ? ['release'] : [], notes: '', createdAt: at, complete: true, fileCount: 1000 + i, totalBytes: 4e9 + i * 1e5, storedBytes: 1e6 + (i % 13) * 2e6, newChunks: 5 + (i % 9), dedupChunks: 3800, durationMs: 20_000 + (i % 17) * 900 };
        const meta = { guid: String(10_000 + i), hostname: 'bench-host', sourcePath: `/srv/${workload}` };
        recs.push({ ...base, id: `${workload}-${i}`, location: 'local', meta });
        if (twoLanes && i % 4 !== 1) recs.push({ ...base, id: `${workload}-r${i}`, location: 'remote', meta });
      }
      cat.snapshots.apply({ upsertSnapshots: recs });
    }
  } finally {
    cat.close();
  }
}
