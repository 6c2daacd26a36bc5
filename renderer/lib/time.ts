import { once } from './once.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** "just now", "5 min ago", "3 h ago", "2 days ago", then a date. */
export function formatAgo(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '—';
  const d = now - t;
  if (d < 0) return formatIn(iso, now);
  if (d < MIN) return 'just now';
  if (d < HOUR) return `${Math.floor(d / MIN)} min ago`;
  if (d < DAY) return `${Math.floor(d / HOUR)} h ago`;
  if (d < 14 * DAY) return `${Math.floor(d / DAY)} day${d < 2 * DAY ? '' : 's'} ago`;
  return formatDate(iso);
}

/** "in 5 min", "in 3 h", "now" (due or overdue). */
export function formatIn(iso: string | null, now: number): string {
  if (!iso) return '—';
  const d = Date.parse(iso) - now;
  if (!Number.isFinite(d)) return '—';
  if (d <= MIN) return 'now';
  if (d < HOUR) return `in ${Math.round(d / MIN)} min`;
  if (d < DAY) return `in ${Math.round(d / HOUR)} h`;
  return `in ${Math.round(d / DAY)} days`;
}

// toLocaleString builds a formatter on every call, which costs ~50 µs: too slow for a timeline that
// labels hundreds of markers per frame. One formatter each, reused, and made on first use: making one
// loads locale data (~10 ms on a cold page), which a page load should pay only for what it shows.
const DATE = once(() => new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' }));
const DATE_TIME = once(() => new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }));

export function formatDate(iso: string): string {
  return DATE().format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return DATE_TIME().format(new Date(iso));
}

export function formatSchedule(everyMinutes: number): string {
  if (everyMinutes % (7 * 24 * 60) === 0) return everyMinutes === 7 * 24 * 60 ? 'weekly' : `every ${everyMinutes / (7 * 24 * 60)} weeks`;
  if (everyMinutes % (24 * 60) === 0) return everyMinutes === 24 * 60 ? 'daily' : `every ${everyMinutes / (24 * 60)} days`;
  if (everyMinutes % 60 === 0) return everyMinutes === 60 ? 'hourly' : `every ${everyMinutes / 60} h`;
  return `every ${everyMinutes} min`;
}
