import type { IncomingMessage, ServerResponse } from 'node:http';
import { encodeMessage, START_CALLS, START_PATH } from '../../shared/contract/wire.js';
import type { Services } from '../core/services.js';
import { keepListsWarm } from '../core/warm-lists.js';

type StartMethod = (typeof START_CALLS)[number][0];
const START_METHODS = new Set<string>(START_CALLS.map(([m]) => m));
/**
 * Runs `check` once no page has loaded for `quietMs` (each load asks for the lists), at the latest
 * `maxWaitMs` after it was first due: a check in the middle of a page's load would hold it up.
 */
function afterLoads(check: () => void, quietMs = 500, maxWaitMs = 2000) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let due = 0;
  let lastLoad = 0;
  const fire = () => {
    const now = Date.now();
    const quiet = now - lastLoad;
    if (quiet < quietMs && now - due < maxWaitMs) return void (timer = setTimeout(fire, quietMs - quiet));
    timer = undefined;
    check();
  };
  return {
    loaded() {
      lastLoad = Date.now();
      if (timer === undefined) (due = lastLoad), (timer = setTimeout(fire, quietMs));
    },
    pending: () => timer !== undefined,
    stop: () => clearTimeout(timer),
  };
}

export interface StartReads {
  /** GET START_PATH/<method>?token=… */
  serve(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** the app's page with a `<link rel="preload">` per start-up read, when the page's URL carries the token */
  withPreloads(url: URL, html: string): string;
  stop(): void;
}

/**
 * The page's start-up reads over HTTP (renderer/api/early.ts says why they are not on the socket):
 * the same token as the socket, and only for this host's own pages (a browser marks other sites'
 * requests cross-site). Only these reads: nothing here changes anything.
 */
export function startReads(services: Services, isToken: (t: string) => boolean): StartReads {
  // The encoded snapshot lists, served stale-while-revalidate. Encoding 3 MB after a write (a backup
  // just ended, a tag edited) holds the host's event loop ~35 ms, in the middle of the page's own
  // files; the page instead gets the lists last encoded, whose versions tell the catalog what changed
  // since, and its catch-up (renderer/store/bind-events.ts) asks for just that once its socket is
  // open. The kept lists are checked once page loads have stopped (a second window, a reload then
  // gets them fresh) and shortly after every snapshot write (keepListsWarm) while no page is loading.
  let kept: { groups: unknown[]; body: string | Uint8Array } | null = null;
  let reading: Promise<string | Uint8Array> | null = null;
  const readLists = () =>
    (reading ??= (async () => {
      const result = await services.call('listSnapshotColumns', {});
      if (!result.ok) return encodeMessage(result);
      const groups = result.value as unknown[];
      const k = kept;
      // the catalog hands back the very same list objects while no write touched them
      if (k && k.groups.length === groups.length && groups.every((g, i) => g === k.groups[i])) return k.body;
      kept = { groups, body: encodeMessage(result) };
      return kept.body;
    })().finally(() => (reading = null)));
  const checks = afterLoads(() => void readLists().catch(() => {}));

  async function body(method: StartMethod): Promise<string | Uint8Array> {
    if (method === 'listSnapshotColumns') {
      if (!kept) return readLists();
      checks.loaded();
      return kept.body;
    }
    const [, input] = START_CALLS.find(([m]) => m === method)!;
    return encodeMessage(await services.call(method, input));
  }
  // a write while a page is loading (a check is pending): the check after its load reads them, not
  // the warm pass in the middle of it
  const stopWarm = keepListsWarm(services, { read: () => (checks.pending() ? Promise.resolve() : readLists()) });
  const stop = () => (stopWarm(), checks.stop());

  return {
    async serve(url, req, res) {
      const method = url.pathname.slice(START_PATH.length + 1);
      const site = req.headers['sec-fetch-site'];
      if (!START_METHODS.has(method)) return void res.writeHead(404, { 'Cache-Control': 'no-store' }).end();
      if (!isToken(url.searchParams.get('token') ?? '') || (site !== undefined && site !== 'same-origin')) {
        return void res.writeHead(401, { 'Cache-Control': 'no-store' }).end();
      }
      let b: string | Uint8Array;
      try {
        b = await body(method as StartMethod);
      } catch {
        // the page then asks again over the socket (renderer/api/early.ts), which reports the error
        return void res.writeHead(500, { 'Cache-Control': 'no-store' }).end();
      }
      const type = typeof b === 'string' ? 'application/json' : 'application/octet-stream';
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }).end(b);
    },
    withPreloads(url, html) {
      const t = url.searchParams.get('token') ?? '';
      if (!isToken(t)) return html;
      const links = START_CALLS.map(([m]) => `\n    <link rel="preload" href="${START_PATH}/${m}?token=${encodeURIComponent(t)}" as="fetch" crossorigin="anonymous" />`);
      return html.replace('<head>', `<head>${links.join('')}`);
    },
    stop,
  };
}
