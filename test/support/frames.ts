// Frame times and long tasks recorded in the page (the Performance API), shared by the e2e tests
// that print UI figures and the `ui` bench that compares them with the targets.
import type { Page } from 'playwright-core';

type Recorder = { __frames: number[]; __long: number[]; __stop: boolean };

/** Starts recording every animation frame's duration and every long task (> 50 ms). */
export async function startFrameRecorder(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as Recorder;
    Object.assign(w, { __frames: [], __long: [], __stop: false });
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: 'longtask' });
    let last = performance.now();
    const tick = (t: number) => {
      w.__frames.push(t - last);
      last = t;
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Stops it: frame durations (the first two, started before any input, left out) and long-task durations. */
export async function stopFrameRecorder(page: Page): Promise<{ frames: number[]; long: number[] }> {
  return page.evaluate(() => {
    const w = window as unknown as Recorder;
    w.__stop = true;
    return { frames: w.__frames.slice(2), long: w.__long };
  });
}
