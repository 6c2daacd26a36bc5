import type { Snapshot } from '../../../../shared/domain.js';
import { explain, type ExplainItem, type ExplainOptions, type ExplainResult, type RetentionPolicy, type RetentionSnapshot } from '../../../../shared/retention/index.js';

/**
 * Retention for a prune of one side, the way the planner applies it: one series per dataset.
 * A recursive snapshot puts one snapshot in every dataset, so a single series over them all
 * would let `keepLast 5` keep five snapshots of the whole tree, i.e. one or two per dataset.
 * `retention[i]` is `snapshots[i]` as the retention engine sees it.
 */
export function explainPerDataset(snapshots: Snapshot[], retention: RetentionSnapshot[], policy: RetentionPolicy, options: ExplainOptions): ExplainResult {
  const series = new Map<string, { txg: number; r: RetentionSnapshot }[]>();
  snapshots.forEach((s, i) => {
    const m = s.meta as { dataset?: unknown; createtxg?: unknown };
    const key = String(m.dataset ?? '');
    (series.get(key) ?? series.set(key, []).get(key)!).push({ txg: Number(m.createtxg ?? 0), r: retention[i]! });
  });
  const items: ExplainItem[] = [];
  const order = new Map<string, number>();
  let kept = 0;
  let bytesFreed: number | undefined = 0;
  for (const group of series.values()) {
    // `creation` has one-second resolution: as in the planner, createtxg orders a dataset's
    // snapshots and same-second ones are a millisecond apart for retention
    group.sort((a, b) => a.txg - b.txg);
    let prev = -Infinity;
    const inputs = group.map(({ r }) => {
      const t = Math.max(Date.parse(r.createdAt), prev + 1);
      prev = t;
      order.set(r.id, t);
      return { ...r, createdAt: new Date(t).toISOString() };
    });
    const r = explain(inputs, policy, options);
    items.push(...r.items);
    kept += r.kept;
    bytesFreed = r.bytesFreed === undefined || bytesFreed === undefined ? undefined : bytesFreed + r.bytesFreed;
  }
  // one list, newest first; each item says when its snapshot was really taken
  items.sort((a, b) => order.get(b.id)! - order.get(a.id)! || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const created = new Map(retention.map((r) => [r.id, r.createdAt]));
  for (const i of items) i.createdAt = created.get(i.id) ?? i.createdAt;
  const result: ExplainResult = { timeZone: options.timeZone ?? 'UTC', items, kept, deleted: items.length - kept };
  if (bytesFreed !== undefined && items.length > 0) result.bytesFreed = bytesFreed;
  return result;
}
