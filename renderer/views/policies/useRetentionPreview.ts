import { useEffect, useMemo, useState } from 'react';
import type { PrunePreview } from '../../../shared/contract/index.js';
import type { RetentionPolicy, Snapshot } from '../../../shared/domain.js';
import { explain, retentionPolicySchema, type ExplainResult, type Protection } from '../../../shared/retention/index.js';
import { request } from '../../api/index.js';

export const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';

export interface Preview {
  result: ExplainResult | null;
  /** why the policy cannot be used as typed (schema or engine refusal), one line */
  error: string | null;
  ms: number;
}

/**
 * The keep/delete decision for every snapshot, recomputed in the page on each edit with the same pure
 * code the server prunes with (shared/retention). The engine's protections (zfs: last shared snapshot …)
 * come from the server once, so the preview and the prune agree.
 */
export function useRetentionPreview(workload: string, snapshots: readonly Snapshot[], policy: RetentionPolicy): Preview {
  const [protections, setProtections] = useState<Protection[]>([]);
  useEffect(() => {
    let live = true;
    request('previewPrune', { name: workload, timeZone: TIME_ZONE }).then(
      (p: PrunePreview) => live && setProtections(p.protections),
      () => live && setProtections([]),
    );
    return () => void (live = false);
  }, [workload]);

  const input = useMemo(
    () => snapshots.filter((s) => s.location === 'local' && s.complete).map((s) => ({ id: s.id, createdAt: s.createdAt, type: s.type, tags: s.tags, pinned: s.pinned, bytes: s.storedBytes })),
    [snapshots],
  );

  return useMemo(() => {
    const t = performance.now();
    const parsed = retentionPolicySchema.safeParse(policy);
    if (!parsed.success) return { result: null, error: parsed.error.issues[0]?.message ?? 'not a valid policy', ms: 0 };
    try {
      const result = explain(input, parsed.data, { timeZone: TIME_ZONE, protections });
      return { result, error: null, ms: performance.now() - t };
    } catch (e) {
      return { result: null, error: e instanceof Error ? e.message : String(e), ms: 0 };
    }
  }, [input, policy, protections]);
}
