import type { Job } from '../../../shared/domain.js';
import { formatBytes, formatCount } from '../../../shared/format.js';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** One line about what a finished job achieved, from whatever its result carries (kinds differ). */
export function resultSummary(job: Job): string | null {
  const r = job.result;
  if (!r || typeof r !== 'object') return null;
  const o = r as Record<string, unknown>;
  const snap = (o.snapshot && typeof o.snapshot === 'object' ? o.snapshot : o) as Record<string, unknown>;
  const files = num(snap.files) ?? num(snap.fileCount);
  const bytes = num(snap.bytes) ?? num(snap.totalBytes);
  const stored = num(snap.storedBytes);
  const parts: string[] = [];
  if (files !== null) parts.push(`${formatCount(files)} file${files === 1 ? '' : 's'}`);
  if (bytes !== null) parts.push(formatBytes(bytes));
  if (stored !== null) parts.push(`${formatBytes(stored)} new`);
  if (Array.isArray(o.unreadable) && o.unreadable.length) parts.push(`${formatCount(o.unreadable.length)} unreadable`);
  return parts.length ? parts.join(' · ') : null;
}
