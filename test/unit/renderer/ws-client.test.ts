import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { createWsApi, type ConnectionState, type WsApi } from '../../../renderer/api/ws-client.js';
import { createServer, type ServerResponse } from 'node:http';
import { openEarly, socketUrlFor, startUrlFor } from '../../../renderer/api/early.js';
import { encodeMessage, START_PATH } from '../../../shared/contract/wire.js';

// A real WebSocket server speaking the wire format of shared/contract/wire.ts, under the test's control,
// with the host's HTTP answers to the start-up reads (START_PATH/<method>) beside it.
async function server() {
  let start: (method: string, res: ServerResponse) => void = (_m, res) => res.writeHead(404).end();
  const http = createServer((req, res) => {
    const m = /^\/api\/start\/(\w+)\?token=t$/.exec(req.url ?? '');
    if (m) start(m[1]!, res);
    else res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server: http });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const port = (http.address() as { port: number }).port;
  const sockets: ServerSocket[] = [];
  const requests: { id: number; method: string; input: unknown }[] = [];
  let onRequest: (ws: ServerSocket, req: { id: number; method: string; input: unknown }) => void = (ws, req) =>
    ws.send(JSON.stringify({ id: req.id, result: { ok: true, value: { echo: req.method, input: req.input } } }));
  wss.on('connection', (ws) => {
    sockets.push(ws);
    ws.on('message', (d) => {
      const req = JSON.parse(String(d)) as { id: number; method: string; input: unknown };
      requests.push(req);
      onRequest(ws, req);
    });
  });
  return {
    url: `ws://127.0.0.1:${port}/api?token=t`,
    startUrl: (method: string) => `http://127.0.0.1:${port}${START_PATH}/${method}?token=t`,
    sockets,
    requests,
    setHandler: (h: typeof onRequest) => (onRequest = h),
    setStart: (h: typeof start) => (start = h),
    close: () => new Promise<void>((r) => (sockets.forEach((s) => s.terminate()), wss.close(), http.close(() => r()))),
  };
}

const clients: WsApi[] = [];
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function client(url: string, states: ConnectionState[] = [], extra: Partial<Parameters<typeof createWsApi>[0]> = {}) {
  const c = createWsApi({ url, WebSocketImpl: NodeWebSocket as unknown as typeof WebSocket, onState: (s) => states.push(s), minDelayMs: 20, maxDelayMs: 100, ...extra });
  clients.push(c);
  return c;
}

const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('WebSocket API client', () => {
  it('offers one function per contract method and matches replies to requests by id, in any order', async () => {
    const s = await server();
    servers.push(s);
    const held: { ws: ServerSocket; id: number; method: string }[] = [];
    s.setHandler((ws, req) => {
      held.push({ ws, id: req.id, method: req.method });
      if (held.length === 2) for (const h of held.reverse()) h.ws.send(JSON.stringify({ id: h.id, result: { ok: true, value: h.method } }));
    });
    const api = client(s.url);
    expect(typeof api.listWorkloads).toBe('function');
    expect(typeof api.startBackup).toBe('function');
    const [a, b] = await Promise.all([api.listWorkloads({}), api.getAppInfo({})]);
    expect(a).toEqual({ ok: true, value: 'listWorkloads' });
    expect(b).toEqual({ ok: true, value: 'getAppInfo' });
    expect(s.requests.map((r) => r.method).sort()).toEqual(['getAppInfo', 'listWorkloads']);
  });

  it('passes error results through as data', async () => {
    const s = await server();
    servers.push(s);
    s.setHandler((ws, req) => ws.send(JSON.stringify({ id: req.id, result: { ok: false, error: { code: 'not-found', message: 'no workload named x' } } })));
    const r = await client(s.url).getWorkload({ name: 'x' });
    expect(r).toEqual({ ok: false, error: { code: 'not-found', message: 'no workload named x' } });
  });

  it('delivers push events to listeners until they unsubscribe', async () => {
    const s = await server();
    servers.push(s);
    const api = client(s.url);
    const seen: unknown[] = [];
    const off = api.on('catalogChanged', (p) => seen.push(p));
    await api.getAppInfo({});
    s.sockets[0]!.send(JSON.stringify({ event: 'catalogChanged', payload: { entity: 'workloads' } }));
    s.sockets[0]!.send(JSON.stringify({ event: 'jobLog', payload: { jobId: '1' } }));
    await until(() => seen.length === 1);
    off();
    s.sockets[0]!.send(JSON.stringify({ event: 'catalogChanged', payload: { entity: 'jobs' } }));
    await api.getAppInfo({}); // a round trip: anything sent before it has arrived
    expect(seen).toEqual([{ entity: 'workloads' }]);
    expect(() => api.on('nope' as 'jobLog', () => {})).toThrow(/unknown event/);
  });

  it('fails pending requests with a clear error when the connection drops, then reconnects', async () => {
    const s = await server();
    servers.push(s);
    s.setHandler(() => {}); // never answers
    const states: ConnectionState[] = [];
    const api = client(s.url, states);
    const pending = api.listJobs({});
    await until(() => s.requests.length === 1);
    s.sockets[0]!.terminate();
    const r = await pending;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/listJobs: lost the connection to Tidemark/);
    await until(() => s.sockets.length === 2 && states.at(-1) === 'open');
    expect(states).toContain('reconnecting');
    s.setHandler((ws, req) => ws.send(JSON.stringify({ id: req.id, result: { ok: true, value: 1 } })));
    expect(await api.listJobs({})).toEqual({ ok: true, value: 1 });
  });

  it('holds calls made while disconnected until the socket opens, and gives up after the timeout', async () => {
    const s = await server();
    servers.push(s);
    const states: ConnectionState[] = [];
    const api = client(s.url, states, { connectTimeoutMs: 300 });
    // the first call is made before the socket has opened
    expect((await api.getAppInfo({})).ok).toBe(true);
    await s.close();
    servers.length = 0;
    await until(() => states.at(-1) === 'reconnecting');
    const t = Date.now();
    const r = await api.getAppInfo({});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/not connected/);
    expect(Date.now() - t).toBeGreaterThanOrEqual(250);
  });

  it('stops for good on close()', async () => {
    const s = await server();
    servers.push(s);
    const states: ConnectionState[] = [];
    const api = client(s.url, states);
    await api.getAppInfo({});
    api.close();
    await until(() => states.at(-1) === 'closed');
    const r = await api.getAppInfo({});
    expect(!r.ok && r.error.message).toMatch(/client closed/);
  });
});

describe('the page load: early socket, held events, binary answers', () => {
  it('adopts the early socket and takes the start-up reads it made over HTTP, each once; later calls go over the socket', async () => {
    const s = await server();
    servers.push(s);
    s.setStart((method, res) => {
      const body = encodeMessage({ ok: true, value: method === 'listSnapshotColumns' ? [{ workload: 'photos', time: Float64Array.from([1, 2]) }] : `${method} over HTTP` });
      res.writeHead(200, { 'content-type': typeof body === 'string' ? 'application/json' : 'application/octet-stream' }).end(body);
    });
    const early = openEarly(s.url, NodeWebSocket as unknown as typeof WebSocket, s.startUrl);
    await until(() => s.sockets.length === 1);
    s.sockets[0]!.send(JSON.stringify({ event: 'catalogChanged', payload: { entity: 'jobs' } }));
    await until(() => early.inbox.length === 1); // pushed before the app took over
    const api = client(s.url, [], { early });
    expect(early.adopted).toBe(true);
    const seen: unknown[] = [];
    api.on('catalogChanged', (p) => seen.push(p));
    const workloads = api.takeEarly('listWorkloads', {});
    expect(api.takeEarly('listWorkloads', {})).toBeUndefined(); // once
    expect(api.takeEarly('listJobs', { limit: 5 })).toBeUndefined(); // another input is another request
    expect(await workloads).toEqual({ ok: true, value: 'listWorkloads over HTTP' });
    expect(await api.takeEarly('listJobs', { limit: 200 })).toEqual({ ok: true, value: 'listJobs over HTTP' });
    // typed arrays and all
    const lists = (await api.takeEarly('listSnapshotColumns', {})) as { ok: true; value: { workload: string; time: Float64Array }[] };
    expect(lists.value[0]!.workload).toBe('photos');
    expect(lists.value[0]!.time).toEqual(Float64Array.from([1, 2]));
    expect(seen).toEqual([{ entity: 'jobs' }]);
    expect(await api.getAppInfo({})).toEqual({ ok: true, value: { echo: 'getAppInfo', input: {} } });
    expect(s.sockets).toHaveLength(1);
    expect(s.requests.map((r) => r.method)).toEqual(['getAppInfo']); // nothing else went over the socket
  });

  it('answers a start-up read with an io failure (asked again over the socket) when HTTP cannot give it', async () => {
    const s = await server();
    servers.push(s);
    s.setStart((_m, res) => res.writeHead(401).end());
    const early = openEarly(s.url, NodeWebSocket as unknown as typeof WebSocket, s.startUrl);
    const api = client(s.url, [], { early });
    const r = await api.takeEarly('listSnapshotColumns', {});
    expect(r).toEqual({ ok: false, error: { code: 'io', message: 'listSnapshotColumns: HTTP 401' } });
    expect((await api.listSnapshotColumns({})).ok).toBe(true); // what request() then does
  });

  it('opens its own socket when the early one is gone, and still takes the start-up reads', async () => {
    const s = await server();
    servers.push(s);
    s.setStart((method, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, value: method })));
    const early = openEarly(s.url, NodeWebSocket as unknown as typeof WebSocket, s.startUrl);
    await until(() => early.socket.readyState === 1);
    early.socket.close();
    await until(() => early.socket.readyState === 3);
    const api = client(s.url, [], { early });
    expect(early.adopted).toBe(false);
    expect(await api.takeEarly('listWorkloads', {})).toEqual({ ok: true, value: 'listWorkloads' });
    expect((await api.getAppInfo({})).ok).toBe(true);
    expect(s.sockets).toHaveLength(2);
  });

  it('holds events pushed before anyone listens until the app has subscribed', async () => {
    const s = await server();
    servers.push(s);
    const api = client(s.url);
    await api.getAppInfo({});
    s.sockets[0]!.send(JSON.stringify({ event: 'catalogChanged', payload: { entity: 'snapshots' } }));
    await api.getAppInfo({}); // it has arrived, and nobody listens yet
    const seen: unknown[] = [];
    api.on('catalogChanged', (p) => seen.push(p));
    expect(seen).toEqual([]); // not inside on(): after the app's set-up
    await Promise.resolve();
    expect(seen).toEqual([{ entity: 'snapshots' }]);
  });

  it('takes binary answers with their typed arrays', async () => {
    const s = await server();
    servers.push(s);
    s.setHandler((ws, req) => ws.send(encodeMessage({ id: req.id, result: { ok: true, value: [{ time: Float64Array.from([1.5, 2]), id: ['a', 'b'] }] } })));
    const r = (await client(s.url).listSnapshotColumns({})) as { ok: true; value: { time: Float64Array; id: string[] }[] };
    expect(r.value[0]!.time).toBeInstanceOf(Float64Array);
    expect([...r.value[0]!.time]).toEqual([1.5, 2]);
    expect(r.value[0]!.id).toEqual(['a', 'b']);
  });
});

describe('socketUrlFor', () => {
  it('carries the page token to the socket and follows the page scheme', () => {
    expect(socketUrlFor({ protocol: 'http:', host: '127.0.0.1:5000', search: '?token=a+b/c' }, '/api')).toBe('ws://127.0.0.1:5000/api?token=a%2Bb%2Fc'.replace('%2Bb', '%20b'));
    expect(socketUrlFor({ protocol: 'https:', host: 'h', search: '' }, '/api')).toBe('wss://h/api?token=');
    expect(startUrlFor({ protocol: 'http:', host: '127.0.0.1:5000', search: '?token=xy_z' }, 'listJobs')).toBe('http://127.0.0.1:5000/api/start/listJobs?token=xy_z');
  });
});
