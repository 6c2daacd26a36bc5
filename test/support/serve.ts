import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { decodeMessage } from '../../shared/contract/wire.js';

const BIN = fileURLToPath(new URL('../../bin/tidemark.js', import.meta.url));

export interface Served {
  url: string;
  origin: string;
  token: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the real `tidemark serve` (built bundle) on a free loopback port and waits for its URL. */
export async function startServe(o: { dataDir: string; env?: NodeJS.ProcessEnv }): Promise<Served> {
  const child = spawn(process.execPath, [BIN, '--data-dir', o.dataDir, 'serve', '--port', '0'], {
    env: { ...process.env, ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tidemark serve did not start in 20 s: ${err}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`tidemark serve exited (${code}): ${err}`)));
  });
  const u = new URL(url);
  return {
    url,
    origin: u.origin,
    token: u.searchParams.get('token')!,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** One contract call from Node over the host's WebSocket, as the page (or a hostile page) makes it: the raw result. */
export function callOnce(served: Pick<Served, 'origin' | 'token'>, method: string, input: unknown): Promise<any> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${served.origin.replace('http', 'ws')}/api?token=${served.token}`, { origin: served.origin });
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, method, input })));
    ws.on('message', (d, binary) => {
      const m = decodeMessage(binary ? (d as Buffer) : String(d)) as { id?: number; result?: unknown };
      if (m.id === 1) (ws.close(), resolve(m.result));
    });
    ws.on('error', reject);
  });
}
