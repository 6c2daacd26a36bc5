import type { Snapshot } from '../../../shared/domain.js';
import { formatBytes } from '../../../shared/format.js';

const BARS = 20;

/** The last backups as bars: height is the data each one added, so churn and gaps show at a glance. */
export function Sparkline({ snapshots }: { snapshots: readonly Snapshot[] }) {
  const recent = snapshots.filter((s) => s.location === 'local' || s.location === '').slice(-BARS);
  if (recent.length === 0) return <span className="sparkline-empty faint">no backups yet</span>;
  const max = Math.max(1, ...recent.map((s) => s.storedBytes));
  const w = 4;
  const gap = 2;
  const h = 24;
  const label = `last ${recent.length} backups; newest added ${formatBytes(recent[recent.length - 1]!.storedBytes)}`;
  return (
    <svg className="sparkline" width={BARS * (w + gap)} height={h} viewBox={`0 0 ${BARS * (w + gap)} ${h}`} role="img" aria-label={label}>
      {recent.map((s, i) => {
        const bh = Math.max(2, Math.round((s.storedBytes / max) * (h - 2)));
        const x = (BARS - recent.length + i) * (w + gap);
        return <rect key={`${s.id}-${s.location}`} x={x} y={h - bh} width={w} height={bh} rx={1} className={s.complete ? 'bar' : 'bar partial'} />;
      })}
    </svg>
  );
}
