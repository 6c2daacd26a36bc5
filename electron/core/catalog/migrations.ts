// Versioned migrations, applied in order inside one transaction each. PRAGMA user_version records
// the version; a catalog written by a newer Tidemark is refused, never touched.

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    description: 'workloads, policies, snapshots, jobs, job logs, settings',
    sql: `
      CREATE TABLE workloads (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        engine TEXT NOT NULL CHECK (engine IN ('cas','zfs','disk')),
        config TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE policies (
        workload_id TEXT PRIMARY KEY REFERENCES workloads(id) ON DELETE CASCADE,
        policy TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE snapshots (
        id TEXT PRIMARY KEY,
        workload_id TEXT NOT NULL REFERENCES workloads(id) ON DELETE CASCADE,
        engine TEXT NOT NULL,
        type TEXT NOT NULL,
        tags TEXT NOT NULL DEFAULT '[]',
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        complete INTEGER NOT NULL DEFAULT 1,
        file_count INTEGER NOT NULL DEFAULT 0,
        total_bytes INTEGER NOT NULL DEFAULT 0,
        stored_bytes INTEGER NOT NULL DEFAULT 0,
        new_chunks INTEGER NOT NULL DEFAULT 0,
        dedup_chunks INTEGER NOT NULL DEFAULT 0,
        duration_ms INTEGER NOT NULL DEFAULT 0,
        meta TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX snapshots_by_workload ON snapshots(workload_id, created_at);
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        workload_id TEXT,
        title TEXT NOT NULL,
        state TEXT NOT NULL,
        input TEXT NOT NULL,
        result TEXT,
        error TEXT,
        progress TEXT,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
      );
      CREATE INDEX jobs_by_created ON jobs(created_at);
      CREATE TABLE job_logs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        level TEXT NOT NULL,
        message TEXT NOT NULL
      );
      CREATE INDEX job_logs_by_job ON job_logs(job_id, seq);
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'schedules, pinned snapshots, snapshot locations (zfs local/remote), cached remote inventories',
    sql: `
      ALTER TABLE workloads ADD COLUMN schedule TEXT;
      ALTER TABLE snapshots ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE snapshots ADD COLUMN location TEXT NOT NULL DEFAULT 'local';
      CREATE TABLE inventories (
        workload_id TEXT NOT NULL REFERENCES workloads(id) ON DELETE CASCADE,
        location TEXT NOT NULL,
        inventory TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (workload_id, location)
      );
    `,
  },
  {
    version: 3,
    description: 'an index of the snapshots kept elsewhere than locally (zfs remote copies)',
    // "does this workload have copies elsewhere" is asked whenever a list is read; without it SQLite
    // walks every row of a workload that has none (~14 ms for 50,000), with it the answer is one probe
    sql: `CREATE INDEX snapshots_elsewhere ON snapshots(workload_id) WHERE location <> 'local';`,
  },
];

export const LATEST_VERSION = migrations[migrations.length - 1]!.version;
