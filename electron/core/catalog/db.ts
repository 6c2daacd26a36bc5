import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CodedError } from '../../../shared/result.js';
import { LATEST_VERSION, migrations } from './migrations.js';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the catalog file, refuses a newer schema, migrates an older one.
 * Main is the only writer (workers return their changes); WAL keeps readers from blocking it.
 */
export function openDb(file: string): Db {
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (e) {
    throw new CodedError('io', `cannot create the data directory ${dirname(file)}: ${(e as Error).message}`);
  }
  let db: Db;
  try {
    db = new Database(file, { timeout: 5000 });
  } catch (e) {
    throw new CodedError('io', `cannot open the catalog ${file}: ${(e as Error).message}`);
  }
  try {
    // Check the version before anything that could write (WAL switch included).
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_VERSION) {
      throw new CodedError(
        'conflict',
        `the catalog ${file} was written by a newer Tidemark (schema ${version}, this version knows up to ${LATEST_VERSION}); upgrade Tidemark — the catalog was not changed`,
      );
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, version);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof CodedError) throw e;
    const msg = (e as Error).message;
    if (/readonly|read-only|SQLITE_READONLY|unable to open/i.test(msg)) throw new CodedError('io', `the catalog ${file} is not writable: ${msg}`);
    throw new CodedError('io', `cannot use the catalog ${file}: ${msg}`);
  }
}

function migrate(db: Db, from: number): void {
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
