import { EVENT_NAMES, METHOD_NAMES, type EventName, type Events, type TidemarkApi } from '../../shared/contract/index.js';
import type { WireRequest, WireServerMessage } from '../../shared/contract/wire.js';
import type { Result } from '../../shared/result.js';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface WsClientOptions {
  url: string;
  /** injectable so the client can be tested under Node against a real `ws` server */
  WebSocketImpl?: typeof WebSocket;
  onState?: (state: ConnectionState, detail?: string) => void;
  /** how long a call made while disconnected waits for the socket before failing */
  connectTimeoutMs?: number;
  /** reconnect backoff bounds */
  minDelayMs?: number;
  maxDelayMs?: number;
}

export type WsApi = TidemarkApi & { close(): void; state(): ConnectionState };

interface Pending {
  resolve: (r: Result<unknown>) => void;
  method: string;
}

const lost = (method: string, why: string): Result<never> => ({
  ok: false,
  error: { code: 'io', message: `${method}: lost the connection to Tidemark (${why}); the request may not have completed` },
});
const unreachable = (method: string, why: string): Result<never> => ({
  ok: false,
  error: { code: 'io', message: `${method}: cannot reach Tidemark (${why}); nothing was sent` },
});

/** The WebSocket side of the contract (`tidemark serve`): same shape as window.tidemark. */
export function createWsApi(opts: WsClientOptions): WsApi {
  const WS = opts.WebSocketImpl ?? WebSocket;
  const minDelay = opts.minDelayMs ?? 250;
  const maxDelay = opts.maxDelayMs ?? 5000;
  const connectTimeout = opts.connectTimeoutMs ?? 10_000;
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  let waitingForOpen: Array<(open: boolean) => void> = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let delay = minDelay;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closedByUser = false;
  let lastReason = '';

  const setState = (s: ConnectionState, detail?: string) => {
    state = s;
    opts.onState?.(s, detail);
  };

  const connect = () => {
    const ws = new WS(opts.url);
    socket = ws;
    ws.onopen = () => {
      delay = minDelay;
      setState('open');
      const waiters = waitingForOpen;
      waitingForOpen = [];
      for (const w of waiters) w(true);
    };
    ws.onmessage = (ev: MessageEvent) => onMessage(String(ev.data));
    ws.onclose = (ev: CloseEvent) => {
      if (socket !== ws) return;
      socket = null;
      const why = ev.reason || `code ${ev.code}`;
      lastReason = why;
      for (const [id, p] of pending) {
        pending.delete(id);
        p.resolve(lost(p.method, why));
      }
      if (closedByUser) return setState('closed');
      setState('reconnecting', why);
      timer = setTimeout(connect, delay);
      delay = Math.min(maxDelay, delay * 2);
    };
    // onclose always follows onerror; the error itself carries no detail in browsers.
    ws.onerror = () => {};
  };

  const onMessage = (text: string) => {
    let msg: WireServerMessage;
    try {
      msg = JSON.parse(text) as WireServerMessage;
    } catch {
      return;
    }
    if ('event' in msg) {
      for (const l of listeners.get(msg.event) ?? []) {
        try {
          l(msg.payload);
        } catch (e) {
          console.error(`listener for ${msg.event} failed`, e);
        }
      }
      return;
    }
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    p.resolve(msg.result);
  };

  const whenOpen = (): Promise<boolean> => {
    if (socket && socket.readyState === WS.OPEN) return Promise.resolve(true);
    if (closedByUser) return Promise.resolve(false);
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        waitingForOpen = waitingForOpen.filter((w) => w !== done);
        resolve(false);
      }, connectTimeout);
      const done = (open: boolean) => {
        clearTimeout(t);
        resolve(open);
      };
      waitingForOpen.push(done);
    });
  };

  const call = async (method: string, input: unknown): Promise<Result<unknown>> => {
    if (!(await whenOpen()) || !socket) return unreachable(method, state === 'closed' ? 'client closed' : `not connected${lastReason ? `: ${lastReason}` : ''}`);
    const id = nextId++;
    const req: WireRequest = { id, method, input: input ?? {} };
    const ws = socket;
    return new Promise((resolve) => {
      pending.set(id, { resolve, method });
      ws.send(JSON.stringify(req));
    });
  };

  const api: Record<string, unknown> = {};
  for (const name of METHOD_NAMES) api[name] = (input: unknown) => call(name, input);
  api.on = <E extends EventName>(event: E, listener: (payload: Events[E]) => void) => {
    if (!EVENT_NAMES.includes(event)) throw new Error(`unknown event ${event}`);
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const l = listener as (p: unknown) => void;
    set.add(l);
    return () => void set.delete(l);
  };
  api.close = () => {
    closedByUser = true;
    if (timer) clearTimeout(timer);
    for (const w of waitingForOpen) w(false);
    waitingForOpen = [];
    socket?.close(1000, 'client closed');
    if (!socket) setState('closed');
  };
  api.state = () => state;

  setState('connecting');
  connect();
  return api as WsApi;
}

/** ws(s)://<host>/api?token=… from the page's own address (the token arrives in `?token=`). */
export function socketUrlFor(location: { protocol: string; host: string; search: string }, path: string): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}?token=${encodeURIComponent(token)}`;
}
