// The WebSocket framing of the contract used by `tidemark serve` (Electron uses ipcMain.handle instead).
//   client → server: { id: number, method: MethodName, input: unknown }
//   server → client: { id: number, result: Result<Output> }        (reply to one request)
//                    { event: EventName, payload: Events[E] }      (push)
import type { Result } from '../result.js';
import type { EventName } from './events.js';

export interface WireRequest {
  id: number;
  method: string;
  input: unknown;
}
export interface WireReply {
  id: number;
  result: Result<unknown>;
}
export interface WirePush {
  event: EventName;
  payload: unknown;
}
export type WireServerMessage = WireReply | WirePush;

/** The token travels in the page URL (`?token=`) and in the WebSocket URL; the socket lives at this path. */
export const WS_PATH = '/api';
/**
 * The page's start-up reads (renderer/api/early.ts), answered over HTTP at `START_PATH/<method>?token=`
 * as well as over the socket: the Result, encoded as encodeMessage encodes any message.
 */
export const START_PATH = '/api/start';
export const START_CALLS = [
  ['listWorkloads', {}],
  ['listJobs', { limit: 200 }],
  ['listSnapshotColumns', {}],
] as const;

// ---- typed arrays on the wire ----
// A message holding typed arrays (a 50,000-snapshot list's numeric columns) travels as one binary
// WebSocket message instead of JSON text: the page neither decodes megabytes of UTF-8 nor parses
// hundreds of thousands of numbers, and gets each array as a view on the received buffer.
//   [u32 LE: header bytes][header: UTF-8 JSON { m: message, b: [[path, kind, byteOffset, length], …] }]
//   [each array's bytes, from an 8-byte boundary]
// Every other message stays JSON text. (Electron's IPC clones typed arrays natively.)

const KINDS = { f64: Float64Array, u32: Uint32Array, u16: Uint16Array, u8: Uint8Array, i32: Int32Array } as const;
type Kind = keyof typeof KINDS;
type Typed = InstanceType<(typeof KINDS)[Kind]>;
type Path = (string | number)[];

function kindOf(v: ArrayBufferView): Kind | null {
  for (const k of Object.keys(KINDS) as Kind[]) if (v instanceof KINDS[k]) return k;
  return null;
}

/** The message with each typed array taken out (copies only the objects on the way to one). */
function takeArrays(v: unknown, path: Path, out: { path: Path; array: Typed }[]): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (ArrayBuffer.isView(v)) {
    if (!kindOf(v)) throw new Error(`cannot send a ${v.constructor.name} over the wire`);
    out.push({ path, array: v as Typed });
    return 0;
  }
  if (Array.isArray(v)) {
    let list: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x !== 'object' || x === null) continue; // arrays of strings and numbers: nothing inside
      const y = takeArrays(x, [...path, i], out);
      if (y !== x) (list ??= [...v])[i] = y;
    }
    return list ?? v;
  }
  let obj: Record<string, unknown> | null = null;
  for (const [k, x] of Object.entries(v)) {
    const y = takeArrays(x, [...path, k], out);
    if (y !== x) (obj ??= { ...(v as Record<string, unknown>) })[k] = y;
  }
  return obj ?? v;
}

const align8 = (n: number) => (n + 7) & ~7;

/** JSON text, or the binary form when the message holds typed arrays. */
export function encodeMessage(msg: unknown): string | Uint8Array {
  const arrays: { path: Path; array: Typed }[] = [];
  const m = takeArrays(msg, [], arrays);
  if (arrays.length === 0) return JSON.stringify(msg);
  let offset = 0;
  const b = arrays.map(({ path, array }) => {
    const entry = [path, kindOf(array)!, offset, array.length] as const;
    offset = align8(offset + array.byteLength);
    return entry;
  });
  const header = new TextEncoder().encode(JSON.stringify({ m, b }));
  const start = align8(4 + header.length);
  const bytes = new Uint8Array(start + offset);
  new DataView(bytes.buffer).setUint32(0, header.length, true);
  bytes.set(header, 4);
  arrays.forEach(({ array }, i) => bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), start + b[i]![2]));
  return bytes;
}

/** Either form back into the message; typed arrays are views on `data` where its alignment allows. */
export function decodeMessage(data: string | ArrayBuffer | Uint8Array): unknown {
  if (typeof data === 'string') return JSON.parse(data);
  let bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  // a copy for Node's pooled Buffers (and Buffer#slice does not copy): a Float64Array needs 8-byte alignment
  if (bytes.byteOffset % 8 !== 0) bytes = new Uint8Array(bytes);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  const { m, b } = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as { m: unknown; b: [Path, Kind, number, number][] };
  const start = bytes.byteOffset + align8(4 + headerLength);
  for (const [path, kind, offset, length] of b) {
    const K = KINDS[kind];
    if (!K) throw new Error(`unknown array kind ${kind}`);
    if (path.length === 0) throw new Error('a message cannot be a bare array');
    const array = new K(bytes.buffer as ArrayBuffer, start + offset, length);
    let at = m as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
    at[path[path.length - 1]!] = array;
  }
  return m;
}
