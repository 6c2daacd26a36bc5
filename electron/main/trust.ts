// Which IPC senders main answers. Pure (structural types), so it is unit-tested without Electron.

/** The parts of an IpcMainInvokeEvent the check reads. */
export interface SenderInfo {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * True only for the top frame of our own window showing our own renderer page. A frame that navigated
 * elsewhere (blocked, but defence in depth), a sub-frame or a destroyed frame (senderFrame null) is refused.
 */
export function isTrustedSender(event: SenderInfo, windowContentsId: number | null, rendererUrl: string): boolean {
  if (windowContentsId === null || event.sender.id !== windowContentsId) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return sameDocument(frame.url, rendererUrl);
}

/** Same document, ignoring the fragment (the renderer may route with `#/…`) and the query. */
export function sameDocument(a: string, b: string): boolean {
  let ua: URL;
  let ub: URL;
  try {
    ua = new URL(a);
    ub = new URL(b);
  } catch {
    return false;
  }
  return ua.protocol === ub.protocol && ua.host === ub.host && ua.pathname === ub.pathname;
}
