// The page's first requests, made from a tiny classic script (early-entry.ts → early.js, loaded in
// <head>) before the app's bundle has even been parsed: on a cold load of a 50,000-snapshot timeline the
// lists are in before React is evaluated. The app's WebSocket client then adopts the socket opened here
// and takes these answers.
//
// The start-up reads come over HTTP, not the socket: the host names them in `<link rel="preload">`s of
// the page, so the browser asks for them while it parses the HTML and drains their bodies off the main
// thread. Over the socket they waited for its handshake (50–100 ms here) and a 3 MB message was read in
// main-thread tasks queued behind the bundle's evaluation (it arrived 200–300 ms later). The socket is
// still opened here, for everything after; once it is open the store asks what changed since these
// answers were read (bind-events.ts).
import { START_CALLS, START_PATH, WS_PATH } from '../../shared/contract/wire.js';

export interface EarlyConnection {
  socket: WebSocket;
  /** raw messages (text, or binary: see wire.ts) received before the client adopted the socket */
  inbox: (string | ArrayBuffer)[];
  /** set by the client when it takes over: the early handlers stop buffering */
  adopted: boolean;
  /** each of START_CALLS' answers over HTTP, encoded as wire.ts encodes a message (an 'io' failure when it could not be had) */
  started: { method: string; input: unknown; answer: Promise<string | ArrayBuffer> }[];
}

declare global {
  interface Window {
    __tidemarkEarly?: EarlyConnection;
  }
}

type PageLocation = { protocol: string; host: string; search: string };

/** `<scheme>//<host><path>?token=…` from the page's own address (the token arrives in `?token=`). */
function withToken(location: PageLocation, scheme: string, path: string): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  return `${scheme}//${location.host}${path}?token=${encodeURIComponent(token)}`;
}

/** ws(s)://<host>/api?token=… */
export function socketUrlFor(location: PageLocation, path: string): string {
  return withToken(location, location.protocol === 'https:' ? 'wss:' : 'ws:', path);
}

/** http(s)://<host>/api/start/<method>?token=…: the very URL the host's preload link names, so the fetch takes the preloaded answer */
export function startUrlFor(location: PageLocation, method: string): string {
  return withToken(location, location.protocol, `${START_PATH}/${method}`);
}

/** how the host marks an answer sent as JSON text (one without typed arrays: wire.ts) */
const JSON_TYPE = 'application/json';
const failed = (method: string, message: string) => JSON.stringify({ ok: false, error: { code: 'io', message: `${method}: ${message}` } });

/** The page's own URLs, the browser's WebSocket and fetch by default; tests pass a server's and Node's. */
export function openEarly(
  url = socketUrlFor(window.location, WS_PATH),
  WS: typeof WebSocket = WebSocket,
  startUrl = (method: string) => startUrlFor(window.location, method),
  get: typeof fetch = fetch,
): EarlyConnection {
  const started = START_CALLS.map(([method, input]) => ({
    method,
    input,
    answer: get(startUrl(method))
      .then((r): Promise<string | ArrayBuffer> => (!r.ok ? Promise.reject(new Error(`HTTP ${r.status}`)) : r.headers.get('content-type') === JSON_TYPE ? r.text() : r.arrayBuffer()))
      .catch((e: Error) => failed(method, e.message)),
  }));
  const socket = new WS(url);
  socket.binaryType = 'arraybuffer';
  const early: EarlyConnection = { socket, inbox: [], adopted: false, started };
  socket.addEventListener('message', (ev) => {
    if (!early.adopted) early.inbox.push(ev.data as string | ArrayBuffer);
  });
  return early;
}
