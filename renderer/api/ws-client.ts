// No zod here: the client is built in the first milliseconds of a page load, before the contract's
// schemas are evaluated (the server validates every input anyway).
import { EVENT_NAMES, type EventName, type Events } from '../../shared/contract/events.js';
import type { TidemarkApi } from '../../shared/contract/index.js';
import { METHOD_NAMES } from '../../shared/contract/names.js';
import type { EarlyConnection } from './early.js';
import { decodeMessage, type WirePush, type WireRequest, type WireServerMessage } from '../../shared/contract/wire.js';
import type { Result } from '../../shared/result.js';

const MAX_HELD = 1000;

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface WsClientOptions {
  url: string;
  /** injectable so the client can be tested under Node against a real `ws` server */
  WebSocketImpl?: typeof WebSocket;
  onState?: (state: ConnectionState, detail?: string) => void;
  /** how long a call made while disconnected waits for the socket before failing */
  connectTimeoutMs?: number;
  /** the page's early socket (adopted instead of opening a new one) and its start-up reads (api/early.ts) */
  early?: EarlyConnection;
  /** reconnect backoff bounds */
  minDelayMs?: number;
  maxDelayMs?: number;
}

export type WsApi = TidemarkApi & {
  close(): void;
  state(): ConnectionState;
  /** the answer to a start-up read the page already made with this method and input (once), if any */
  takeEarly(method: string, input: unknown): Promise<Result<unknown>> | undefined;
};

/** Two calls are the same request when method and input serialise alike. */
export const callKey = (method: string, input: unknown) => `${method} ${JSON.stringify(input)}`;

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
  let releaseQueued = false;

  const setState = (s: ConnectionState, detail?: string) => {
    state = s;
    opts.onState?.(s, detail);
  };

  const connect = () => attach(new WS(opts.url));

  const attach = (ws: WebSocket) => {
    socket = ws;
    ws.binaryType = 'arraybuffer';
    const opened = () => {
      delay = minDelay;
      setState('open');
      const waiters = waitingForOpen;
      waitingForOpen = [];
      for (const w of waiters) w(true);
    };
    if (ws.readyState === WS.OPEN) queueMicrotask(opened);
    else ws.onopen = opened;
    ws.onmessage = (ev: MessageEvent) => onMessage(ev.data as string | ArrayBuffer);
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

  const onMessage = (data: string | ArrayBuffer | Uint8Array) => {
    let msg: WireServerMessage;
    try {
      msg = decodeMessage(data) as WireServerMessage;
    } catch {
      return;
    }
    if ('event' in msg) {
      if (held) held.length < MAX_HELD && held.push(msg);
      else deliver(msg);
      return;
    }
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    p.resolve(msg.result);
  };

  const deliver = (msg: WirePush) => {
    for (const l of listeners.get(msg.event) ?? []) {
      try {
        l(msg.payload);
      } catch (e) {
        console.error(`listener for ${msg.event} failed`, e);
      }
    }
  };
  // The page's first requests are sent before the app has subscribed to events (see prefetch in
  // ./index.ts): a change pushed in between would be lost and the first lists would stay stale. Pushes
  // are held until the first subscription, and handed out once the app's synchronous set-up is done.
  let held: WirePush[] | null = [];
  const releaseHeld = () => {
    const msgs = held ?? [];
    held = null;
    for (const m of msgs) deliver(m);
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
    if (held && !releaseQueued) {
      releaseQueued = true;
      queueMicrotask(releaseHeld);
    }
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

  // The page's early socket (api/early.ts), when it is still usable: what arrived on it before now is
  // handled as if it had just come in. The start-up reads it made over HTTP are taken either way.
  const early = new Map<string, Promise<Result<unknown>>>();
  const adopt = (e: EarlyConnection) => {
    e.adopted = true;
    attach(e.socket);
    for (const text of e.inbox.splice(0)) onMessage(text);
  };
  api.takeEarly = (method: string, input: unknown) => {
    const key = callKey(method, input);
    const p = early.get(key);
    early.delete(key);
    return p;
  };

  setState('connecting');
  const e = opts.early;
  if (e && !e.adopted) {
    for (const s of e.started) {
      const answer = s.answer.then((data) => decodeMessage(data) as Result<unknown>).catch(() => unreachable(s.method, 'an unreadable answer'));
      early.set(callKey(s.method, s.input), answer);
    }
  }
  if (e && e.socket.readyState <= 1 && !e.adopted) adopt(e);
  else connect();
  return api as WsApi;
}

