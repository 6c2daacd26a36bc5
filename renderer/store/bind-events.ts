import type { Job } from '../../shared/domain.js';
import { api, endPrefetch, onConnectionState, transport } from '../api/index.js';
import { workloadHealth } from '../lib/health.js';
import { isBackupJob, isTerminal, jobTitle } from '../lib/jobs.js';
import { parseHash, routeHash } from '../lib/route.js';
import { firstListsPainted } from './first-paint.js';
import { useStore } from './index.js';

const TICK_MS = 30_000;

/** Toast when a job this session saw running or queued has finished. */
function toastFinished(job: Job, prev: Job | undefined) {
  if (!prev || isTerminal(prev.state) || !isTerminal(job.state)) return;
  const { pushToast } = useStore.getState();
  const href = '#/transfers';
  if (job.state === 'succeeded') pushToast({ kind: 'success', title: `${jobTitle(job)} finished`, href });
  else if (job.state === 'failed') pushToast({ kind: 'error', title: `${jobTitle(job)} failed`, body: job.error?.message, href });
  else pushToast({ kind: 'info', title: `${jobTitle(job)} cancelled`, href });
}

/** Flag workloads that turned late since the last check (not those already late when the app opened), and count those needing attention. */
function makeLateWatcher() {
  let known: Set<string> | null = null;
  return () => {
    const s = useStore.getState();
    if (!s.workloadsLoaded || !s.snapshotsLoaded || !s.jobsLoaded) return;
    const jobs = Object.values(s.jobs);
    const late = new Set<string>();
    let attention = 0;
    for (const w of s.workloads) {
      const h = workloadHealth(w, s.snapshots[w.name] ?? [], jobs, s.now).health;
      if (h === 'late') late.add(w.name);
      if (h === 'late' || h === 'failing') attention++;
    }
    if (known) for (const name of late) if (!known.has(name)) s.pushToast({ kind: 'warning', title: `${name} is late`, body: 'Its scheduled backup has not run.', href: '#/workloads' });
    known = late;
    if (attention !== s.attention) useStore.setState({ attention });
  };
}

function loadAll(): Promise<unknown> {
  const s = useStore.getState();
  return Promise.all([s.loadWorkloads(), s.loadJobs(), s.loadSnapshots()]);
}

/** Workloads and jobs read again, every snapshot list brought up to date (only what changed crosses the wire). */
async function catchUp(): Promise<void> {
  const s = useStore.getState();
  await Promise.all([s.loadWorkloads(), s.loadJobs()]);
  await useStore.getState().catchUpSnapshots();
}

/** Once the main thread is free (at most a second later on a busy page). */
const whenIdle = () => new Promise<void>((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 1000 }) : setTimeout(resolve, 50)));

/** Wire push events, the connection state, the hash and the clock to the store. Returns an unbind function. */
export function bindEvents(): () => void {
  const { setState, getState } = useStore;
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  // Bursts of catalogChanged (a prune, a rebuild) become one reload per entity.
  const debounce = (key: string, fn: () => void) => {
    clearTimeout(pending.get(key));
    pending.set(key, setTimeout(() => (pending.delete(key), fn()), 150));
  };
  const checkLate = makeLateWatcher();
  // In an idle moment, not inside the store update that changed the lists: a list merged after a
  // backup has no columns behind it, and reading its health walks its 50,000 snapshots.
  let lateQueued = false;
  const checkLateSoon = () => {
    if (lateQueued) return;
    lateQueued = true;
    void whenIdle().then(() => ((lateQueued = false), checkLate()));
  };
  let wasOpen = false;
  let opened = () => {};
  const firstOpen = new Promise<void>((resolve) => (opened = resolve));

  const offs = [
    api.on('jobProgress', (p) => getState().applyProgress(p)),
    api.on('jobLog', (l) => getState().appendLog(l)),
    api.on('jobUpdated', (job) => {
      const prev = getState().applyJob(job);
      toastFinished(job, prev);
      // at once, not debounced: the overview shows "last backup: now" from this job, and its
      // sparkline and sizes should not say "no backups yet" meanwhile (only the changes cross the wire)
      if (isTerminal(job.state) && isBackupJob(job) && job.workloadName) void getState().loadSnapshots(job.workloadName);
    }),
    api.on('catalogChanged', (c) => {
      if (c.entity === 'workloads' || c.entity === 'policies') debounce('workloads', () => void getState().loadWorkloads());
      else if (c.entity === 'jobs') debounce('jobs', () => void getState().loadJobs());
      else if (c.entity === 'snapshots') {
        const name = c.workloadId ? getState().workloads.find((w) => w.id === c.workloadId)?.name : undefined;
        debounce(`snapshots:${name ?? '*'}`, () => void getState().loadSnapshots(name));
      }
    }),
    onConnectionState((state, detail) => {
      setState({ connection: { state, detail } });
      // Events were missed while the socket was down.
      if (state === 'open' && wasOpen) void catchUp();
      if (state === 'open') {
        wasOpen = true;
        opened();
      }
    }),
    useStore.subscribe((s, prev) => {
      if (s.now !== prev.now || s.snapshots !== prev.snapshots || s.workloads !== prev.workloads || s.jobs !== prev.jobs) checkLateSoon();
      if (s.route !== prev.route && routeHash(s.route) !== location.hash) location.hash = routeHash(s.route);
    }),
  ];
  const onHash = () => {
    const r = parseHash(location.hash);
    const cur = getState().route;
    if (r.view !== cur.view || r.param !== cur.param) setState({ route: r });
  };
  window.addEventListener('hashchange', onHash);
  const tick = setInterval(() => setState({ now: Date.now() }), TICK_MS);

  const firstLists = loadAll();
  endPrefetch();
  // In the browser the first lists come over HTTP (api/early.ts), read before the socket was there to
  // hear of changes, and the host hands out the lists it kept even when a write just happened
  // (host/start-reads.ts): once both are in and the page has drawn them, catch up (usually nothing has
  // changed, a few bytes; a reload that finds nothing new keeps the store as it is, so nothing
  // re-renders). After the first paint, not before: a change merged in would render 50,000 snapshots
  // a second time before anything is on screen.
  if (transport === 'web') void Promise.all([firstLists, firstOpen, firstListsPainted]).then(whenIdle).then(catchUp);
  return () => {
    for (const off of offs) off();
    window.removeEventListener('hashchange', onHash);
    clearInterval(tick);
    for (const t of pending.values()) clearTimeout(t);
  };
}
