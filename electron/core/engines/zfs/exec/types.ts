import type { Readable, Writable } from 'node:stream';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** kill the command and fail after this long (default: the executor's command timeout) */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A running command with its streams, for pipes like `zfs send | zfs recv`. */
export interface Proc {
  stdout: Readable;
  stdin: Writable;
  /** resolves when the command ended (never rejects): exit code (null when killed or the connection dropped), stderr text */
  done: Promise<{ code: number | null; signal: string | null; stderr: string }>;
  kill(): void;
}

/**
 * Where commands run: this machine, or a host over SSH. Commands are always argv arrays;
 * the SSH executor quotes each argument for the remote shell, the local one never uses a shell.
 */
export interface Executor {
  /** e.g. "local" or "root@backup:22" — used in messages */
  readonly label: string;
  readonly host: string;
  run(argv: readonly string[], opts?: RunOptions): Promise<RunResult>;
  spawn(argv: readonly string[]): Proc;
  /** Like spawn, but resolves once the command runs, with its streams wired directly (bulk data) */
  open?(argv: readonly string[]): Promise<Proc>;
  close(): void;
}
