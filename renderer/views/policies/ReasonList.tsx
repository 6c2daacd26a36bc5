import { useState } from 'react';
import { formatCount } from '../../../shared/format.js';
import type { ExplainItem, ExplainResult } from '../../../shared/retention/index.js';
import { formatDateTime } from '../../lib/time.js';

const PAGE = 40;
const isProtected = (i: ExplainItem) => i.reasons.some((r) => r.startsWith('protected') || r === 'pinned');

/**
 * Every snapshot of a preview, newest first, with each of its reasons: what goes, what stays and why,
 * what the engine protects; by its engine's own name too where it has one (zfs: the name `zfs list`
 * shows, so a syncoid user recognises exactly which snapshot goes). Paged: a 10,000-snapshot history must not become 10,000 DOM rows.
 */
export function ReasonList({ result, names }: { result: ExplainResult; /** id → the engine's own name (zfs: pool/ds@snap) */ names?: Record<string, string> }) {
  const [tab, setTab] = useState<'deleted' | 'kept' | 'protected'>(result.deleted ? 'deleted' : 'kept');
  const [shown, setShown] = useState(PAGE);
  const lists = {
    deleted: result.items.filter((i) => !i.keep),
    kept: result.items.filter((i) => i.keep),
    protected: result.items.filter(isProtected),
  };
  const items = lists[tab];
  const pick = (t: typeof tab) => (setTab(t), setShown(PAGE));
  return (
    <div className="reason-list" data-testid="reason-list">
      <div className="segmented small" role="tablist" aria-label="Snapshots in the preview">
        {(['deleted', 'kept', 'protected'] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => pick(t)} data-testid={`reasons-${t}`}>
            {t === 'deleted' ? 'Deleted' : t === 'kept' ? 'Kept' : 'Protected'} ({formatCount(lists[t].length)})
          </button>
        ))}
      </div>
      <ul>
        {items.slice(0, shown).map((i) => (
          <li key={i.id} className={i.keep ? (isProtected(i) ? 'protected' : 'keep') : 'del'} title={i.keep ? `kept: ${i.reasons.join('; ')}` : 'deleted: no rule keeps it'} data-testid="reason-item">
            <span className="num when">{formatDateTime(i.createdAt)}</span>
            {names?.[i.id] && (
              <span className="name" data-testid="reason-name">
                {names[i.id]}
              </span>
            )}
            <span className="why">{i.keep ? i.reasons.join(' · ') : 'no rule keeps it'}</span>
          </li>
        ))}
        {items.length === 0 && <li className="muted">none</li>}
      </ul>
      {items.length > shown && (
        <button type="button" className="btn small ghost" onClick={() => setShown((n) => n + PAGE * 5)}>
          Show more ({formatCount(items.length - shown)} left)
        </button>
      )}
    </div>
  );
}
