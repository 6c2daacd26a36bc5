import { useEffect, useState } from 'react';
import type { PrunePreview } from '../../../shared/contract/index.js';
import type { RetentionPolicy, Workload } from '../../../shared/domain.js';
import { formatCount } from '../../../shared/format.js';
import { errorMessage, request } from '../../api/index.js';
import { ReasonList } from './ReasonList.js';
import { TIME_ZONE } from './useRetentionPreview.js';

type ZfsWorkload = Extract<Workload, { engine: 'zfs' }>;
type Side = 'local' | 'remote';

/**
 * One side's prune as the server computes it: per dataset, with the planner's protections (the
 * oldest, the earliest and latest snapshot shared by guid, held ones), so the preview is exactly
 * what `prune` and `sync` will do. Debounced: the editor sends at most a few requests a second.
 */
function useSidePreview(name: string, location: Side, policy: RetentionPolicy | undefined) {
  const [state, setState] = useState<{ preview: PrunePreview | null; error: string | null }>({ preview: null, error: null });
  const key = JSON.stringify(policy ?? null);
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      request('previewPrune', { name, location, timeZone: TIME_ZONE, ...(policy ? { policy } : {}) }).then(
        (preview) => live && setState({ preview, error: null }),
        (e: unknown) => live && setState({ preview: null, error: errorMessage(e) }),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [name, location, key]); // the policy by value (key), not by identity
  return state;
}

function SidePanel({ w, side, policy, note }: { w: ZfsWorkload; side: Side; policy: RetentionPolicy | undefined; note: string }) {
  const { preview, error } = useSidePreview(w.name, side, policy);
  const r = preview?.explain;
  return (
    <div className="zfs-side" data-testid={`zfs-side-${side}`}>
      <h3>
        {side === 'local' ? 'This machine' : 'Remote'} <span className="muted">· {note}</span>
      </h3>
      {error && <div className="alert" role="alert">{error}</div>}
      {r && (
        <>
          <p className="num">
            <strong data-testid={`zfs-${side}-kept`}>{formatCount(r.kept)}</strong> kept ·{' '}
            <strong className={r.deleted ? 'danger-text' : ''} data-testid={`zfs-${side}-deleted`}>
              {formatCount(r.deleted)}
            </strong>{' '}
            deleted · {formatCount(new Set(preview.protections.map((p) => p.id)).size)} protected
          </p>
          <ReasonList result={r} names={preview.labels} />
        </>
      )}
      {!r && !error && <p className="muted">Computing…</p>}
    </div>
  );
}

/** Both sides of a replicated workload: the edited policy on this machine, the remote's own (or the same). */
export function ZfsSides({ workload: w, policy }: { workload: ZfsWorkload; policy: RetentionPolicy }) {
  const remotePolicy = w.config.remotePolicy;
  return (
    <div className="zfs-sides" data-testid="zfs-sides">
      <SidePanel w={w} side="local" policy={policy} note="the policy you are editing" />
      {w.config.remote && <SidePanel w={w} side="remote" policy={remotePolicy ? undefined : policy} note={remotePolicy ? 'its own policy' : 'the same policy'} />}
    </div>
  );
}
