import type { ParseArgsConfig } from 'node:util';
import type { Job } from '../../shared/domain.js';
import type { MethodName, Output, Input } from '../../shared/contract/index.js';
import type { Services } from '../core/services.js';

/** Bad usage: exit code 2 and a one-line message. */
export class UsageError extends Error {}

export interface CliContext {
  json: boolean;
  dataDir: string;
  /** Opens the catalog and job runner on first use (so `--help` never touches the data dir). */
  services(): Promise<Services>;
  /** Calls a contract method through the same validation as IPC; throws on `{ ok: false }` (exit 1, `error: …`). */
  call<K extends MethodName>(name: K, input: Input<K>): Promise<Output<K>>;
  /** Waits for a job, drawing its progress on stderr when it is a terminal; throws if it failed or was cancelled. */
  waitJob(job: Job): Promise<Job>;
  /** stdout: human text (ignored with --json) */
  print(text: string): void;
  /** stdout: machine output (only with --json) */
  printJson(value: unknown): void;
}

export interface CliArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export interface CliCommand {
  /** words that select the command, e.g. ['workload', 'add'] */
  path: string[];
  summary: string;
  /** shown on bad usage, e.g. 'workload add NAME --engine cas --source DIR [--repo DIR]' */
  usage: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  /** [min, max] positional arguments after the command words */
  positionals?: [number, number];
  run(ctx: CliContext, args: CliArgs): Promise<void>;
}
