// The per-job secret channel: environment variables given to one job's worker and nothing else.
// Symbol-keyed so that object spreads (`{ ...req, workloadId }`) carry it to the runner while
// JSON — job inputs in the catalog, logs, the wire — never can.

const JOB_ENV = Symbol('tidemark.jobEnv');

type Carrier = { [JOB_ENV]?: Readonly<Record<string, string>> };

export function withJobEnv<T extends object>(req: T, env: Record<string, string>): T {
  return { ...req, [JOB_ENV]: env };
}

export function jobEnvOf(req: object): Readonly<Record<string, string>> | undefined {
  return (req as Carrier)[JOB_ENV];
}
