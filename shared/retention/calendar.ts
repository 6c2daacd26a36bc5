// Pure proleptic-Gregorian arithmetic on day numbers (days since 1970-01-01), so bucketing
// 100,000 snapshots needs no Date objects and no Intl call per snapshot.
// Algorithms after Howard Hinnant's "chrono-compatible low-level date algorithms".

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** [year, month 1-12, day 1-31] of a day number. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Day number of a civil date; a day beyond the month's end rolls over (as Go's AddDate does). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDays(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

/** ISO 8601 week as isoYear * 100 + week: the week belongs to the year of its Thursday. */
export function isoWeekKey(days: number): number {
  const thursday = days - weekdayOfDays(days) + 3;
  const [year] = civilFromDays(thursday);
  return year * 100 + Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
}

export function daysInMonth(year: number, month: number): number {
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 2026-11-20 */
export function formatDay(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** 2026-11-20T13:05:00 (a local wall time, no offset) */
export function formatWall(wallMs: number): string {
  const days = Math.floor(wallMs / DAY);
  const ms = wallMs - days * DAY;
  return `${formatDay(days)}T${pad(Math.floor(ms / HOUR))}:${pad(Math.floor((ms % HOUR) / 60_000))}:${pad(Math.floor((ms % 60_000) / 1000))}`;
}

export { pad };
