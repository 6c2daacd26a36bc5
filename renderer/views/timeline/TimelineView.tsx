import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { Snapshot } from '../../../shared/domain.js';
import { formatCount } from '../../../shared/format.js';
import { EmptyState } from '../../components/EmptyState.js';
import { useStore } from '../../store/index.js';
import { buildLanes, sharedGuids, snapKey } from './lanes.js';
import { SnapshotList } from './SnapshotList.js';
import { TimelineChart } from './TimelineChart.js';
import { TimelineToolbar } from './TimelineToolbar.js';
import { fitView, type TimeView } from '../../lib/timeline-layout.js';
import { snapshotDetails } from './snapshot-details.js';
import { useFullSnapshot } from './useFullSnapshot.js';

const NONE: Snapshot[] = [];
const SnapshotDetails = snapshotDetails.Component;


export function TimelineView() {
  const param = useStore((s) => s.route.param);
  const workloads = useStore((s) => s.workloads);
  const loaded = useStore((s) => s.workloadsLoaded);
  const snapshotsLoaded = useStore((s) => s.snapshotsLoaded);
  const navigate = useStore((s) => s.navigate);
  const now = useStore((s) => s.now);
  const name = param && workloads.some((w) => w.name === param) ? param : (workloads[0]?.name ?? null);
  const snapshots = useStore((s) => (name ? s.snapshots[name] : undefined)) ?? NONE;

  const { lanes, all } = useMemo(() => buildLanes(snapshots), [snapshots]);
  const shared = useMemo(() => sharedGuids(lanes), [lanes]);
  const extent = useMemo(() => ({ min: all.times[0] ?? NaN, max: all.times[all.times.length - 1] ?? NaN }), [all]);
  const fit = useCallback(() => fitView(extent.min, extent.max, Date.now()), [extent]);
  const [view, setView] = useState<TimeView>(fit);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);

  // A different workload (or its first snapshots arriving) starts from the whole history. Set during
  // render, not in an effect: 50,000 snapshots are then laid out once, for the right view.
  const hasAny = snapshots.length > 0;
  const fitFor = `${name}\u0000${hasAny}`;
  const [fittedFor, setFittedFor] = useState(fitFor);
  if (fittedFor !== fitFor) {
    setFittedFor(fitFor);
    setView(fit());
    setSelectedKey(null);
  }

  // Arriving from the overview's restore action: select the newest complete snapshot, restore form open.
  const restoreIntent = useStore((s) => s.restoreIntent);
  const [openRestore, setOpenRestore] = useState(false);
  useEffect(() => {
    if (!restoreIntent || restoreIntent !== name || !hasAny) return;
    const newest = [...snapshots].reverse().find((s) => s.complete);
    if (newest) {
      setSelectedKey(snapKey(newest));
      setOpenRestore(true);
    }
    useStore.setState({ restoreIntent: null });
  }, [restoreIntent, name, hasAny, snapshots]);

  const selected = useMemo(() => (selectedKey ? (snapshots.find((s) => snapKey(s) === selectedKey) ?? null) : null), [selectedKey, snapshots]);
  const detailed = useFullSnapshot(selected);
  const onSelect = useCallback((s: Snapshot) => (setSelectedKey(snapKey(s)), setOpenRestore(false)), []);

  if (loaded && workloads.length === 0) {
    return (
      <div className="page-inner">
        <header className="page-head">
          <h1>Timeline</h1>
        </header>
        <div className="card">
          <EmptyState icon="timeline" title="No workloads to show" action={<button className="btn primary" onClick={() => navigate({ view: 'workloads', param: null })}>Add a workload</button>}>
            The timeline shows every backup of a workload on one zoomable axis. Add a workload and back it up to see it here.
          </EmptyState>
        </div>
      </div>
    );
  }

  return (
    <div className="page-inner wide timeline-page">
      <header className="page-head">
        <div>
          <h1>Timeline</h1>
          <p className="sub num">
            {snapshotsLoaded ? `${formatCount(snapshots.length)} snapshot${snapshots.length === 1 ? '' : 's'}${lanes.length > 1 ? ` in ${lanes.length} locations` : ''}` : '\u00a0'}
          </p>
        </div>
        <div className="actions">
          <label className="sr-only" htmlFor="tl-workload">
            Workload
          </label>
          <select id="tl-workload" className="select" value={name ?? ''} onChange={(e) => navigate({ view: 'timeline', param: e.target.value })} data-testid="timeline-workload">
            {workloads.map((w) => (
              <option key={w.id} value={w.name}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
      </header>
      {/* while the lists load, the timeline's own frame is drawn empty: the chart and the list know their
          size when 50,000 snapshots arrive, and nothing jumps */}
      {!hasAny && snapshotsLoaded ? (
        <div className="card">
          <EmptyState icon="clock" title={`${name ?? 'This workload'} has no backups yet`} action={<button className="btn primary" onClick={() => navigate({ view: 'workloads', param: null })}>Go back it up</button>}>
            Press <em>Back up now</em> on the Workloads page; each backup appears here as a point in time you can restore.
          </EmptyState>
        </div>
      ) : (
        <>
          <section className="card tl-card">
            <TimelineToolbar view={view} setView={setView} fit={fit} lanes={lanes} now={now} />
            <TimelineChart lanes={lanes} shared={shared} view={view} now={now} selectedKey={selectedKey} onView={setView} onSelect={onSelect} loading={!snapshotsLoaded} />
          </section>
          <div className={selected ? 'tl-bottom with-details' : 'tl-bottom'}>
            <section className="card tl-list-card" aria-label="Snapshots in view">
              <SnapshotList all={all} view={view} selectedKey={selectedKey} showLocation={lanes.length > 1} onSelect={onSelect} loading={!snapshotsLoaded} />
            </section>
            {detailed && (
              <Suspense fallback={<div className="page-loading" aria-busy="true" />}>
                <SnapshotDetails snap={detailed} startRestoring={openRestore} onClose={() => (setSelectedKey(null), setOpenRestore(false))} />
              </Suspense>
            )}
          </div>
        </>
      )}
    </div>
  );
}
