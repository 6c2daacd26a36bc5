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

// Dates are written by hand, in the shape the timeline's axis labels them (English month names, the
// UI's language; a 24-hour clock, as restic, borg and the CLI print times): "Dec 3, 2026, 14:05:09"
// in the user's time zone. Not Intl.DateTimeFormat: the first Intl object a page makes loads ICU for
// its process, 20–50 ms of main thread on this class of machine in the middle of the first render of
// every page that shows a date (V8's Date getters need no ICU: ~0.1 ms).
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
export const pad2 = (n: number) => String(n).padStart(2, '0');

const dateOf = (d: Date) => `${MONTHS[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()}`;
const clockOf = (d: Date) => `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
const valid = (iso: string): Date | null => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** "Dec 3, 2026" */
export function formatDate(iso: string): string {
  const d = valid(iso);
  return d ? dateOf(d) : '—';
}

/** "Dec 3, 2026, 14:05:09" */
export function formatDateTime(iso: string): string {
  const d = valid(iso);
  return d ? `${dateOf(d)}, ${clockOf(d)}` : '—';
}

/** "14:05:09" */
export function formatClock(iso: string): string {
  const d = valid(iso);
  return d ? clockOf(d) : '—';
}

export function formatSchedule(everyMinutes: number): string {
  if (everyMinutes % (7 * 24 * 60) === 0) return everyMinutes === 7 * 24 * 60 ? 'weekly' : `every ${everyMinutes / (7 * 24 * 60)} weeks`;
  if (everyMinutes % (24 * 60) === 0) return everyMinutes === 24 * 60 ? 'daily' : `every ${everyMinutes / (24 * 60)} days`;
  if (everyMinutes % 60 === 0) return everyMinutes === 60 ? 'hourly' : `every ${everyMinutes / 60} h`;
  return `every ${everyMinutes} min`;
}
