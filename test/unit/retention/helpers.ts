import type { ExplainResult, RetentionSnapshot } from '../../../shared/retention/index.js';

/** Snapshots from ISO times; ids s01, s02 … in the order given unless `id` is set. */
export function snaps(times: (string | (Partial<RetentionSnapshot> & { createdAt: string }))[]): RetentionSnapshot[] {
  return times.map((t, i) => (typeof t === 'string' ? { id: `s${String(i + 1).padStart(2, '0')}`, createdAt: t } : { id: `s${String(i + 1).padStart(2, '0')}`, ...t }));
}

/** An ISO instant `h` hours after `base`. */
export function hoursAfter(base: string, h: number): string {
  return new Date(Date.parse(base) + h * 3_600_000).toISOString();
}

export const keptIds = (r: ExplainResult) => r.items.filter((i) => i.keep).map((i) => i.id);
export const reasonsOf = (r: ExplainResult, id: string) => r.items.find((i) => i.id === id)?.reasons;

/** Deterministic PRNG (mulberry32) so property tests are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
