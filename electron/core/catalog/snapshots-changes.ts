import { randomBytes } from 'node:crypto';
import type { Db } from './db.js';

interface Change {
  gen: number;
  workloadId: string;
  id: string;
}

/**
 * Which snapshots each write through this catalog touched, so the renderer can ask for what changed
 * since its last look (listSnapshotColumns `since`) instead of re-reading 50,000 rows after every backup.
 * A version is `epoch.dataVersion.generation`: a reopened catalog (new epoch), a write by another
 * process (SQLite's data_version moves) or a trimmed log makes an old version unknown, and the
 * caller gets the whole list again.
 */
export function snapshotChangeLog(db: Db, limit = 20_000) {
  const epoch = randomBytes(6).toString('hex');
  const log: Change[] = [];
  let gen = 0;
  /** changes up to this generation may have been dropped */
  let floor = 0;
  const dataVersion = () => db.pragma('data_version', { simple: true }) as number;

  return {
    record(touched: Iterable<readonly [workloadId: string, id: string]>): void {
      gen++;
      for (const [workloadId, id] of touched) log.push({ gen, workloadId, id });
      if (log.length > limit) {
        const cut = log.length - limit;
        floor = log[cut - 1]!.gen;
        log.splice(0, cut);
      }
    },
    /** read before the query it describes: a commit by another process in between then shows as unknown */
    version: (): string => `${epoch}.${dataVersion()}.${gen}`,
    /** ids of the workload's snapshots touched since `version`, or null when that cannot be known */
    since(version: string, workloadId: string): Set<string> | null {
      const [e, dv, g] = version.split('.');
      const n = Number(g);
      if (e !== epoch || Number(dv) !== dataVersion() || !Number.isInteger(n) || n < floor || n > gen) return null;
      const ids = new Set<string>();
      for (let i = log.length - 1; i >= 0 && log[i]!.gen > n; i--) if (log[i]!.workloadId === workloadId) ids.add(log[i]!.id);
      return ids;
    },
  };
}
export type SnapshotChangeLog = ReturnType<typeof snapshotChangeLog>;
