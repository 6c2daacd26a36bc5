// The tiny benchmark harness: each suite adds rows; run.ts prints one table at the end.

export interface BenchRow {
  suite: string;
  metric: string;
  value: number;
  unit: string;
  /** e.g. "≤ 0.8 × restic" or "< 200 ms" */
  target?: string;
  pass?: boolean;
}

export interface Bench {
  /** a scratch directory for this suite (removed afterwards unless TIDEMARK_BENCH_KEEP=1) */
  dir: string;
  row(row: Omit<BenchRow, 'suite'>): void;
  log(message: string): void;
}

export type Suite = (b: Bench) => Promise<void>;

/** Median of repeated timings: the machines are noisy, so compare medians of alternated runs. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
