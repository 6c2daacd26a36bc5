import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { encodeMessage, START_PATH, WS_PATH, type WireRequest } from '../../shared/contract/wire.js';
import { fail } from '../../shared/result.js';
import type { Services } from '../core/services.js';
import { startReads } from './start-reads.js';
import { rendererDir, serveStatic } from './static.js';

export interface HostOptions {
  host: string;
  port: number;
  token?: string;
}

export interface Host {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const sameToken = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * `tidemark serve`: the built renderer over HTTP and the contract over one WebSocket.
 * The API needs the random token from the printed URL and a same-origin page: a web page elsewhere
 * in the user's browser can neither guess the token nor open the socket from its own origin.
 */
export async function startHost(services: Services, o: HostOptions): Promise<Host> {
  const token = o.token ?? randomBytes(24).toString('base64url');
  const root = rendererDir();
  const start = startReads(services, (t) => sameToken(t, token));
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith(`${START_PATH}/`)) return void start.serve(url, req, res);
    void serveStatic(root, req, res, (html) => start.withPreloads(url, html));
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 2 * 1024 * 1024 });
  const sockets = new Set<WebSocket>();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  }).catch((e: unknown) => {
    start.stop();
    throw e;
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = o.host.includes(':') ? `[${o.host}]` : o.host;
  const origins = new Set([`http://${hostForUrl}:${port}`, `http://localhost:${port}`, `http://127.0.0.1:${port}`]);

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const origin = req.headers.origin;
    const reject = (status: string) => {
      socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      socket.destroy();
    };
    if (url.pathname !== WS_PATH) return reject('404 Not Found');
    if (!sameToken(url.searchParams.get('token') ?? '', token)) return reject('401 Unauthorized');
    // Browsers always send Origin on a WebSocket: one that is not this host is another site's page.
    if (origin !== undefined && !origins.has(origin)) return reject('403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => void handle(ws, data.toString()));
    });
  });

  async function handle(ws: WebSocket, text: string) {
    let req: WireRequest;
    try {
      req = JSON.parse(text) as WireRequest;
    } catch {
      return ws.send(JSON.stringify({ id: null, result: fail('bad-input', 'a message must be JSON') }));
    }
    if (typeof req !== 'object' || req === null || typeof req.id !== 'number') {
      return ws.send(JSON.stringify({ id: null, result: fail('bad-input', 'a request needs a numeric id') }));
    }
    const result = await services.call(req.method, req.input);
    if (ws.readyState === ws.OPEN) ws.send(encodeMessage({ id: req.id, result }));
  }

  const off = services.onEvent((event, payload) => {
    const msg = encodeMessage({ event, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(msg);
  });

  return {
    url: `http://${hostForUrl}:${port}/?token=${token}`,
    token,
    port,
    async close() {
      off();
      start.stop();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
