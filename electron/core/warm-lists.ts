import type { Services } from './services.js';

/**
 * Keeps every workload's snapshot list in the catalog's memory (it keeps the last whole list until a
 * write touches it): read once at start and again shortly after snapshots or workloads were written,
 * while nobody waits, so a page opened later paints from memory instead of waiting on a 50,000-row
 * query. `read` is what is kept warm: the host passes its encoded answer (host/start-reads.ts).
 */
export function keepListsWarm(
  services: Services,
  { settleMs = 250, read = () => services.call('listSnapshotColumns', {}) }: { settleMs?: number; read?: () => Promise<unknown> } = {},
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const warm = () => void read().catch(() => {}); // only a cache: a request that needs the list reports the error
  const first = setImmediate(warm);
  const off = services.onEvent((event, payload) => {
    // snapshots written, or a workload added, removed or renamed (the lists are per workload)
    const entity = (payload as { entity?: string }).entity;
    if (event !== 'catalogChanged' || (entity !== 'snapshots' && entity !== 'workloads')) return;
    clearTimeout(timer);
    timer = setTimeout(warm, settleMs); // a prune writes in bursts: once, after the last
  });
  return () => {
    off();
    clearImmediate(first);
    clearTimeout(timer);
  };
}
