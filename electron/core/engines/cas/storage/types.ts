/**
 * What a repository needs from where it lives. Local directories now; SFTP and S3 later.
 * Names are repository-relative, '/'-separated ("data/ab/abcd…", "snapshots/…").
 * Every write is put-if-absent and atomic: a reader sees the whole object or nothing.
 */
export interface Storage {
  readonly location: string;
  /** Writes `name` atomically (temp + fsync + rename). Returns false when it already existed with that size (content-addressed: same bytes); a truncated one is replaced. */
  put(name: string, data: Uint8Array | Uint8Array[]): Promise<boolean>;
  /** Like put, but replaces an existing object (locks only). */
  replace(name: string, data: Uint8Array): Promise<void>;
  get(name: string): Promise<Buffer>;
  getRange(name: string, offset: number, length: number): Promise<Buffer>;
  size(name: string): Promise<number>;
  exists(name: string): Promise<boolean>;
  /** Every object name under `prefix` (a folder, e.g. "data"), recursive. Temp files are never listed. */
  list(prefix: string): Promise<string[]>;
  delete(name: string): Promise<void>;
}
