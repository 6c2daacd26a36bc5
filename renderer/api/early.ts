// The page's first requests, sent from a tiny classic script (early-entry.ts → early.js, loaded in
// <head>) before the app's bundle has even been parsed: on a cold load of a 50,000-snapshot timeline
// the socket opens and the lists cross the wire while React and the app are evaluated. The app's
// WebSocket client then adopts this socket, its requests and whatever arrived meanwhile.
import type { WireRequest } from '../../shared/contract/wire.js';
import { WS_PATH } from '../../shared/contract/wire.js';

export interface EarlyConnection {
  socket: WebSocket;
  /** requests sent (or to be sent once open) with ids 1…n */
  sent: WireRequest[];
  /** raw messages (text, or binary: see wire.ts) received before the client adopted the socket */
  inbox: (string | ArrayBuffer)[];
  /** set by the client when it takes over: the early handlers stop buffering */
  adopted: boolean;
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
  ['listSnapshotColumns', {}],
] as const;

/** ws(s)://<host>/api?token=… from the page's own address (the token arrives in `?token=`). */
export function socketUrlFor(location: { protocol: string; host: string; search: string }, path: string): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}?token=${encodeURIComponent(token)}`;
}

/** The page's own socket URL and the browser's WebSocket by default; tests pass a server's URL and Node's. */
export function openEarly(url = socketUrlFor(window.location, WS_PATH), WS: typeof WebSocket = WebSocket): EarlyConnection {
  const socket = new WS(url);
  socket.binaryType = 'arraybuffer';
  const early: EarlyConnection = { socket, sent: START_CALLS.map(([method, input], i) => ({ id: i + 1, method, input })), inbox: [], adopted: false };
  socket.addEventListener('open', () => {
    for (const r of early.sent) socket.send(JSON.stringify(r));
  });
  socket.addEventListener('message', (ev) => {
    if (!early.adopted) early.inbox.push(ev.data as string | ArrayBuffer);
  });
  return early;
}
