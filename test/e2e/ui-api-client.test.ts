// The renderer's WebSocket client (renderer/api/ws-client.ts) against the real `tidemark serve`:
// the same code the browser runs, driven from Node with the `ws` package as its WebSocket.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import type { Job, Progress } from '../../shared/domain.js';
import { socketUrlFor } from '../../renderer/api/early.js';
import { createWsApi, type ConnectionState, type WsApi } from '../../renderer/api/ws-client.js';
import { startServe, type Served } from '../support/serve.js';

let root: string;
let served: Served;
const clients: WsApi[] = [];

function client(url: string, states: ConnectionState[] = [], connectTimeoutMs = 10_000) {
  const c = createWsApi({ url, WebSocketImpl: NodeWebSocket as unknown as typeof WebSocket, onState: (s) => states.push(s), connectTimeoutMs, minDelayMs: 50, maxDelayMs: 200 });
  clients.push(c);
  return c;
}
const urlFor = (token: string) => socketUrlFor({ protocol: 'http:', host: new URL(served.origin).host, search: `?token=${token}` }, '/api');

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tm-ui-api-'));
  mkdirSync(join(root, 'src', 'a'), { recursive: true });
  for (let i = 0; i < 600; i++) writeFileSync(join(root, 'src', 'a', `f${i}`), 'x'.repeat(i));
  served = await startServe({ dataDir: join(root, 'data') });
});
afterAll(async () => {
  clients.forEach((c) => c.close());
  await served?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('renderer API client against tidemark serve', () => {
  it('calls methods and gets typed results, and server refusals as data', async () => {
    const api = client(urlFor(served.token));
    const info = await api.getAppInfo({});
    expect(info.ok && info.value.dataDir).toBe(join(root, 'data'));
    const added = await api.addWorkload({ name: 'src', engine: 'cas', config: { source: join(root, 'src') } });
    expect(added.ok).toBe(true);
    const dup = await api.addWorkload({ name: 'src', engine: 'cas', config: { source: join(root, 'src') } });
    expect(dup.ok).toBe(false);
    expect(!dup.ok && dup.error.message).toMatch(/src/);
    const bad = await api.checkPath({ path: '/tmp/../etc' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    const list = await api.listWorkloads({});
    expect(list.ok && list.value.map((w) => w.name)).toEqual(['src']);
  });

  it('streams a job’s progress and its end as push events', async () => {
    const api = client(urlFor(served.token));
    const progress: Progress[] = [];
    const updates: Job[] = [];
    api.on('jobProgress', (p) => progress.push(p));
    const done = new Promise<Job>((resolve) =>
      api.on('jobUpdated', (j) => {
        updates.push(j);
        if (j.state === 'succeeded' || j.state === 'failed') resolve(j);
      }),
    );
    const started = await api.startEstimate({ name: 'src' });
    expect(started.ok).toBe(true);
    const job = await done;
    expect(job.state).toBe('succeeded');
    expect(job.id).toBe(started.ok && started.value.id);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.jobId === job.id)).toBe(true);
    expect((job.result as { files: number }).files).toBe(600);
    const full = await api.getJob({ id: job.id });
    expect(full.ok && full.value.state).toBe('succeeded');
  });

  it('is refused without the right token, keeps retrying, and fails calls with a clear message', async () => {
    const states: ConnectionState[] = [];
    const api = client(urlFor('not-the-token'), states, 800);
    const r = await api.listWorkloads({});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/listWorkloads: cannot reach Tidemark \(not connected: code 1006\); nothing was sent/);
    expect(states).toContain('reconnecting');
    expect(states).not.toContain('open');
  });
});
