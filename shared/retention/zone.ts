import { DAY } from './calendar.js';

// UTC offsets of an IANA zone, computed with Intl (browser and Node alike) but cached per
// 7-day chunk: a chunk whose two ends have the same offset is taken as constant (no zone
// changes its offset and back within a week), a chunk with a change is bisected to the second.
// One Intl call costs ~13 µs here, so per-snapshot calls would blow the 100,000-snapshot budget.

const CHUNK = 7 * DAY;
type Chunk = number | { at: number; before: number; after: number };

const FIXED_UTC = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu', 'Universal', 'Zulu']);

const validity = new Map<string, boolean>();
export function isValidTimeZone(name: string): boolean {
  let ok = validity.get(name);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      ok = name.length > 0;
    } catch {
      ok = false;
    }
    if (validity.size > 256) validity.clear();
    validity.set(name, ok);
  }
  return ok;
}

export class Zone {
  private readonly fmt: Intl.DateTimeFormat | null;
  private readonly chunks = new Map<number, Chunk>();
  private readonly edges = new Map<number, number>();
  private lastChunkIndex = NaN;
  private lastChunk: Chunk = 0;

  constructor(readonly name: string) {
    if (!isValidTimeZone(name)) throw new RangeError(`unknown time zone "${name}" (use an IANA name like Europe/Berlin or UTC)`);
    this.fmt = FIXED_UTC.has(name)
      ? null
      : new Intl.DateTimeFormat('en-US', { timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  }

  /** Milliseconds to add to a UTC instant to get the local wall-clock time. */
  offsetAt(t: number): number {
    if (!this.fmt) return 0;
    const c = Math.floor(t / CHUNK);
    let chunk: Chunk | undefined = c === this.lastChunkIndex ? this.lastChunk : this.chunks.get(c);
    if (chunk === undefined) {
      chunk = this.scan(c);
      this.chunks.set(c, chunk);
    }
    this.lastChunkIndex = c;
    this.lastChunk = chunk;
    if (typeof chunk === 'number') return chunk;
    return t < chunk.at ? chunk.before : chunk.after;
  }

  /**
   * The instant whose local wall time is `wall` (local time written as if it were UTC).
   * A repeated wall time (autumn) gives its first occurrence; a skipped one (spring) lands
   * after the jump, shifted forward by the jump, as cron-like schedulers do.
   */
  fromLocal(wall: number): number {
    // transitions are months apart, so the offsets a day either side are the only candidates
    const before = this.offsetAt(wall - DAY);
    const after = this.offsetAt(wall + DAY);
    const t1 = wall - before;
    const t2 = wall - after;
    const ok1 = t1 + this.offsetAt(t1) === wall;
    const ok2 = t2 + this.offsetAt(t2) === wall;
    if (ok1 && ok2) return Math.min(t1, t2);
    if (ok2) return t2;
    return t1;
  }

  private edge(c: number): number {
    let off = this.edges.get(c);
    if (off === undefined) {
      off = this.intlOffset(c * CHUNK);
      this.edges.set(c, off);
    }
    return off;
  }

  private scan(c: number): Chunk {
    const before = this.edge(c);
    const after = this.edge(c + 1);
    if (before === after) return before;
    // invariant: offset(lo) === before, offset(hi) !== before; both on whole seconds
    let lo = c * CHUNK;
    let hi = (c + 1) * CHUNK;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (this.intlOffset(mid) === before) lo = mid;
      else hi = mid;
    }
    return { at: hi, before, after: this.intlOffset(hi) };
  }

  private intlOffset(t: number): number {
    const whole = Math.floor(t / 1000) * 1000;
    const p: Record<string, number> = {};
    for (const part of this.fmt!.formatToParts(new Date(whole))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const asUtc = new Date(0);
    asUtc.setUTCFullYear(p.year!, p.month! - 1, p.day!);
    asUtc.setUTCHours(p.hour!, p.minute!, p.second!, 0);
    return asUtc.getTime() - whole;
  }
}

const cache = new Map<string, Zone>();
/** Zones are cached: their offset tables are what makes repeated explain calls cheap. */
export function zoneFor(name: string): Zone {
  let z = cache.get(name);
  if (!z) {
    z = new Zone(name);
    if (cache.size > 64) cache.clear();
    cache.set(name, z);
  }
  return z;
}
