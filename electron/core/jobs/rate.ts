import type { Progress } from '../../../shared/domain.js';
import type { ProgressUpdate } from './types.js';

const WINDOW_MS = 3000;

/** Turns raw worker updates into what users read: a rate over the last few seconds and an ETA from it. */
export class RateTracker {
  private samples: { t: number; bytes: number }[] = [];

  constructor(private readonly jobId: string) {}

  next(u: ProgressUpdate, now = Date.now()): Progress {
    this.samples.push({ t: now, bytes: u.bytesDone });
    while (this.samples.length > 2 && now - this.samples[0]!.t > WINDOW_MS) this.samples.shift();
    const first = this.samples[0]!;
    const dt = (now - first.t) / 1000;
    const rate = dt > 0.2 ? Math.max(0, (u.bytesDone - first.bytes) / dt) : 0;
    const p: Progress = { jobId: this.jobId, phase: u.phase, bytesDone: u.bytesDone, filesDone: u.filesDone, rate };
    if (u.bytesTotal !== undefined) p.bytesTotal = u.bytesTotal;
    if (u.filesTotal !== undefined) p.filesTotal = u.filesTotal;
    if (u.currentItem !== undefined) p.currentItem = u.currentItem;
    if (u.bytesTotal !== undefined && rate > 0) p.etaSeconds = Math.max(0, (u.bytesTotal - u.bytesDone) / rate);
    return p;
  }
}

/** At most one call per `intervalMs`, with a trailing call so the last value is never lost. */
export function throttle<T>(intervalMs: number, fn: (value: T) => void) {
  let last = 0;
  let timer: NodeJS.Timeout | null = null;
  let pending: { value: T } | null = null;
  const fire = () => {
    timer = null;
    if (!pending) return;
    last = Date.now();
    const { value } = pending;
    pending = null;
    fn(value);
  };
  return {
    push(value: T) {
      pending = { value };
      if (timer) return;
      const wait = intervalMs - (Date.now() - last);
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    /** deliver what is pending now (e.g. before "job finished") */
    flush() {
      if (timer) clearTimeout(timer);
      fire();
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
