// The page's first requests, made from a tiny classic script (early-entry.ts → early.js, loaded in
// <head>) before the app's bundle has even been parsed, so that on a cold load of a 50,000-snapshot
// timeline the lists cross the wire while React and the app are evaluated. The app's WebSocket client
// then adopts this socket, its requests and whatever arrived meanwhile.
//
// The snapshot lists (megabytes) come over HTTP, not the socket: the host adds a
// `<link rel="preload">` for them to the page, so the browser asks for them while it parses the HTML,
// and it drains an HTTP body off the main thread; a WebSocket message that big is read in main-thread
// tasks that queue behind the bundle's evaluation (measured: 3 MB arriving 200–300 ms later).
import type { WireRequest } from '../../shared/contract/wire.js';
import { LISTS_PATH, WS_PATH } from '../../shared/contract/wire.js';

export interface EarlyConnection {
  socket: WebSocket;
  /** requests sent (or to be sent once open) with ids 1…n */
  sent: WireRequest[];
  /** raw messages (text, or binary: see wire.ts) received before the client adopted the socket */
  inbox: (string | ArrayBuffer)[];
  /** set by the client when it takes over: the early handlers stop buffering */
  adopted: boolean;
  /** the answer to LISTS_CALL over HTTP, encoded as wire.ts encodes a message (an 'io' failure when it could not be had) */
  lists: Promise<string | ArrayBuffer>;
}

declare global {
  interface Window {
    __tidemarkEarly?: EarlyConnection;
  }
}

/** The requests bindEvents' first reloadAll makes; it takes these answers (see prefetch in ./index.ts). */
export const START_CALLS = [
  ['listWorkloads', {}],
  ['listJobs', { limit: 200 }],
] as const;
/** …and the one asked over HTTP (LISTS_PATH) */
export const LISTS_CALL = ['listSnapshotColumns', {}] as const;

/** `<scheme>//<host><path>?token=…` from the page's own address (the token arrives in `?token=`). */
function withToken(location: { host: string; search: string }, scheme: string, path: string): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  return `${scheme}//${location.host}${path}?token=${encodeURIComponent(token)}`;
}

/** ws(s)://<host>/api?token=… */
export function socketUrlFor(location: { protocol: string; host: string; search: string }, path: string): string {
  return withToken(location, location.protocol === 'https:' ? 'wss:' : 'ws:', path);
}

/** http(s)://<host>/api/lists?token=…: the very URL the host's preload link names, so the fetch takes the preloaded answer */
export function listsUrlFor(location: { protocol: string; host: string; search: string }): string {
  return withToken(location, location.protocol, LISTS_PATH);
}

const failed = (message: string) => JSON.stringify({ ok: false, error: { code: 'io', message: `${LISTS_CALL[0]}: ${message}` } });

/** The page's own URLs and the browser's WebSocket and fetch by default; tests pass a server's and Node's. */
export function openEarly(
  url = socketUrlFor(window.location, WS_PATH),
  WS: typeof WebSocket = WebSocket,
  listsUrl = listsUrlFor(window.location),
  get: typeof fetch = fetch,
): EarlyConnection {
  const socket = new WS(url);
  socket.binaryType = 'arraybuffer';
  const lists = get(listsUrl)
    .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`HTTP ${r.status}`))))
    .catch((e: Error) => failed(e.message));
  const early: EarlyConnection = { socket, sent: START_CALLS.map(([method, input], i) => ({ id: i + 1, method, input })), inbox: [], adopted: false, lists };
  socket.addEventListener('open', () => {
    for (const r of early.sent) socket.send(JSON.stringify(r));
  });
  socket.addEventListener('message', (ev) => {
    if (!early.adopted) early.inbox.push(ev.data as string | ArrayBuffer);
  });
  return early;
}
