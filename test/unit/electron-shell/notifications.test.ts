import { describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/domain.js';
import { createJobNotifier, jobNotification } from '../../../electron/main/notifications.js';

const job = (over: Partial<Job>): Job => ({
  id: 'j1',
  kind: 'backup',
  workloadId: 'w1',
  workloadName: 'docs',
  state: 'running',
  waitingFor: null,
  progress: null,
  result: null,
  error: null,
  createdAt: '2026-11-22T01:00:00.000Z',
  startedAt: '2026-11-22T01:00:00.000Z',
  finishedAt: null,
  ...over,
});

describe('jobNotification', () => {
  it('tells a success with its duration and a failure with its reason', () => {
    const ok = jobNotification(job({ state: 'succeeded', finishedAt: '2026-11-22T01:01:05.000Z' }));
    expect(ok?.title).toBe('Backup of docs finished');
    expect(ok?.body).toMatch(/^Done in .*1.*m.*5.*s/);
    expect(jobNotification(job({ state: 'failed', error: { code: 'io', message: 'disk full' } }))).toEqual({ title: 'Backup of docs failed', body: 'disk full' });
    expect(jobNotification(job({ kind: 'gc', workloadName: null, state: 'failed', error: { code: 'io', message: 'x'.repeat(500) } }))?.body).toHaveLength(200);
  });

  it('stays quiet for states that are not an ending worth telling', () => {
    for (const state of ['queued', 'running', 'cancelled'] as const) expect(jobNotification(job({ state }))).toBeNull();
  });
});

describe('createJobNotifier', () => {
  it('notifies once per job even when its final state is repeated', () => {
    const shown: string[] = [];
    const notify = createJobNotifier((n) => shown.push(n.title), 2);
    notify(job({ state: 'running' }));
    notify(job({ state: 'succeeded', finishedAt: '2026-11-22T01:00:01.000Z' }));
    notify(job({ state: 'succeeded', finishedAt: '2026-11-22T01:00:01.000Z' }));
    notify(job({ id: 'j2', state: 'failed' }));
    expect(shown).toEqual(['Backup of docs finished', 'Backup of docs failed']);
  });
});
