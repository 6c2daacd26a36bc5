import type { Db } from './db.js';

export function settingStore(db: Db) {
  return {
    get<T>(key: string, fallback: T): T {
      const r = db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`).get(key);
      return r ? (JSON.parse(r.value) as T) : fallback;
    },
    set(key: string, value: unknown): void {
      db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key, JSON.stringify(value));
    },
  };
}
