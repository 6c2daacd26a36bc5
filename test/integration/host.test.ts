import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SnapshotColumns } from '../../shared/contract/snapshots.js';
import { decodeMessage } from '../../shared/contract/wire.js';
import type { Snapshot } from '../../shared/domain.js';
import { fromColumns, mergeColumns } from '../../renderer/store/snapshot-columns.js';
import { seedSnapshots } from '../support/seed-snapshots.js';
import { startServe, type Served } from '../support/serve.js';

let root: string;
let served: Served;
/** snapshots as plain objects (the decoded ones read their columns through getters) */
const plain = (list: Snapshot[]): Snapshot[] => JSON.parse(JSON.stringify(list));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tm-host-'));
  served = await startServe({ dataDir: join(root, 'data') });
});
afterAll(async () => {
  await served?.stop();
  rmSync(root, { recursive: true, force: true });
});

const wsUrl = (token: string | null) => `${served.origin.replace('http', 'ws')}/api${token === null ? '' : `?token=${token}`}`;

/** Resolves with the HTTP status of a refused upgrade, or 101 when the socket opened. */
function handshake(token: string | null, origin?: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl(token), origin ? { origin } : {});
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

function client(): Promise<{ call: (method: string, input: unknown) => Promise<any>; events: any[]; close(): void }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(served.token), { origin: served.origin });
    let next = 1;
    const pending = new Map<number, (r: unknown) => void>();
    const events: any[] = [];
    ws.on('message', (d, binary) => {
      const m = decodeMessage(binary ? (d as Buffer) : d.toString()) as any;
      if ('event' in m) events.push(m);
      else pending.get(m.id)?.(m.result);
    });
    ws.on('open', () =>
      resolve({
        events,
        close: () => ws.close(),
        call: (method, input) =>
          new Promise((res) => {
            const id = next++;
            pending.set(id, res);
            ws.send(JSON.stringify({ id, method, input }));
          }),
      }),
    );
    ws.on('error', reject);
  });
}

/** A start-up read's HTTP answer, decoded as the page decodes it (JSON text or wire.ts's binary form). */
async function answerOf(res: Response): Promise<any> {
  const body = Buffer.from(await res.arrayBuffer());
  return decodeMessage(res.headers.get('content-type') === 'application/json' ? body.toString() : body);
}

describe('tidemark serve (headless host)', () => {
  it('binds to loopback and prints a tokenised URL', () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('refuses a WebSocket without the token, with a wrong token, or from another origin', async () => {
    expect(await handshake(null, served.origin)).toBe(401);
    expect(await handshake('x'.repeat(32), served.origin)).toBe(401);
    expect(await handshake(served.token, 'http://evil.example')).toBe(403);
    expect(await handshake(served.token, served.origin)).toBe(101);
  });

  it('serves the UI with a strict CSP and never a file outside the renderer', async () => {
    const page = await fetch(served.origin + '/');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const escape = await fetch(served.origin + '/..%2f..%2fpackage.json');
    expect([403, 404]).toContain(escape.status);
    expect(await escape.text()).not.toContain('"name": "tidemark"');
    expect((await fetch(served.origin + '/', { method: 'POST' })).status).toBe(405);
  });

  it('hands the page its start-up reads over HTTP, preloaded by the page, only with the token and only to its own pages', async () => {
    const c = await client();
    const src = join(root, 'lists-src');
    mkdirSync(src, { recursive: true });
    expect((await c.call('addWorkload', { name: 'lists', engine: 'cas', config: { source: src } })).ok).toBe(true);
    const overSocket = await Promise.all([c.call('listWorkloads', {}), c.call('listJobs', { limit: 200 }), c.call('listSnapshotColumns', {})]);
    c.close();

    const page = await (await fetch(served.url)).text();
    const hrefs = [...page.matchAll(/<link rel="preload" href="([^"]+)" as="fetch" crossorigin="anonymous"/g)].map((m) => m[1]!);
    expect(hrefs).toEqual(['listWorkloads', 'listJobs', 'listSnapshotColumns'].map((m) => `/api/start/${m}?token=${served.token}`));
    // a page asked for without the token (or with a wrong one) does not name them
    expect(await (await fetch(`${served.origin}/?token=${'x'.repeat(32)}`)).text()).not.toContain('/api/start');

    const overHttp = await Promise.all(
      hrefs.map(async (href) => {
        const res = await fetch(served.origin + href, { headers: { 'sec-fetch-site': 'same-origin' } });
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe('no-store');
        return answerOf(res);
      }),
    );
    expect(overHttp.slice(0, 2)).toEqual(overSocket.slice(0, 2));
    expect(overSocket[2].value.map((g: { workload: string }) => g.workload)).toContain('lists');
    // the lists are kept in memory and checked soon after a change (below: what a page does meanwhile),
    // once page loads stop or 2 s after the check was due: asked for every 100 ms here, it still comes
    await expect.poll(async () => answerOf(await fetch(served.origin + hrefs[2]!)), { timeout: 5000, interval: 100 }).toEqual(overSocket[2]);

    const lists = hrefs[2]!;
    expect((await fetch(`${served.origin}/api/start/listSnapshotColumns`)).status).toBe(401);
    expect((await fetch(`${served.origin}/api/start/listSnapshotColumns?token=${'x'.repeat(32)}`)).status).toBe(401);
    // only the start-up reads: nothing that changes anything, whatever the token
    expect((await fetch(`${served.origin}/api/start/removeWorkload?token=${served.token}`)).status).toBe(404);
    // another site's page (the browser says so) gets nothing, even with the token
    expect((await fetch(served.origin + lists, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(401);
  });

  it('answers the start-up lists from memory at once, whose versions bring a page up to date after a write, and fresh soon after', async () => {
    const c = await client();
    seedSnapshots(join(root, 'data'), [{ workload: 'lists', count: 5, stepMs: 3_600_000 }]);
    const lists = `/api/start/listSnapshotColumns?token=${served.token}`;
    const startLists = async () => ((await answerOf(await fetch(served.origin + lists))) as { value: SnapshotColumns[] }).value;
    const current = async () => ((await c.call('listSnapshotColumns', {})).value as SnapshotColumns[]).map((g) => [g.workload, plain(fromColumns(g))]);
    for (let round = 0; round < 3; round++) {
      // a write just before the page loads: what the page is handed may be the lists as they were
      // before it, but asking `since` their versions (the page's catch-up) gives what is there now
      expect((await c.call('updateSnapshot', { id: 'lists-3', notes: `edit ${round}` })).ok).toBe(true);
      const first = await startLists();
      const caughtUp = await Promise.all(
        first.map(async (g) => {
          const since = await c.call('listSnapshotColumns', { name: g.workload, since: g.version });
          return [g.workload, plain(mergeColumns(fromColumns(g), since.value[0]))];
        }),
      );
      expect(caughtUp).toEqual(await current());
      expect(JSON.stringify(caughtUp)).toContain(`edit ${round}`);
    }
    // a workload added: the next page loads have it in their lists, with no snapshot write to warm them
    mkdirSync(join(root, 'lists-src-2'), { recursive: true });
    expect((await c.call('addWorkload', { name: 'lists-2', engine: 'cas', config: { source: join(root, 'lists-src-2') } })).ok).toBe(true);
    await expect.poll(async () => (await startLists()).map((g) => g.workload), { timeout: 5000, interval: 200 }).toEqual(expect.arrayContaining(['lists', 'lists-2']));
    expect((await startLists()).map((g) => [g.workload, plain(fromColumns(g))])).toEqual(await current());
    c.close();
  });

  it('carries the contract: validation errors as data, a real estimate job with progress events', async () => {
    const c = await client();
    expect(await c.call('nope', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await c.call('addWorkload', { name: 'x', engine: 'cas', config: { source: '../etc' } })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    // a path outside the allowed roots is refused in main even when the schema accepts it
    expect(await c.call('addWorkload', { name: 'etc', engine: 'cas', config: { source: '/etc' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const src = join(root, 'src');
    mkdirSync(join(src, 'd'), { recursive: true });
    for (let i = 0; i < 2000; i++) writeFileSync(join(src, 'd', `f${i}`), 'abc');
    expect(await c.call('addWorkload', { name: 'docs', engine: 'cas', config: { source: src } })).toMatchObject({ ok: true, value: { name: 'docs' } });
    const started = await c.call('startEstimate', { name: 'docs' });
    expect(started.ok).toBe(true);
    const id = started.value.id;
    const deadline = Date.now() + 30_000;
    while (!c.events.some((e) => e.event === 'jobUpdated' && e.payload.id === id && e.payload.state === 'succeeded')) {
      if (Date.now() > deadline) throw new Error('the estimate did not finish');
      await new Promise((r) => setTimeout(r, 50));
    }
    const job = await c.call('getJob', { id });
    expect(job.value).toMatchObject({ state: 'succeeded', result: { files: 2000, bytes: 6000 } });
    expect(c.events.some((e) => e.event === 'jobProgress' && e.payload.jobId === id)).toBe(true);
    c.close();
  });
});
