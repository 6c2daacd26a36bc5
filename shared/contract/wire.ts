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
