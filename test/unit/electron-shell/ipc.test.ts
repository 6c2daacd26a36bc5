// electron/main/ipc.ts + forward.ts against the real services (SQLite catalog, worker pool) on a temp
// data dir. ipcMain itself is replaced by a recorder: the Electron binary cannot be installed here.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../shared/contract/index.js';
import type { Job } from '../../../shared/domain.js';
import type { Result } from '../../../shared/result.js';
import { openServices, type Services } from '../../../electron/core/services.js';
import { EVENT_CHANNEL, forwardEvents } from '../../../electron/main/forward.js';
import { channelFor, registerIpc, type IpcRegistrar } from '../../../electron/main/ipc.js';
import { isTrustedSender } from '../../../electron/main/trust.js';

const PAGE = 'file:///opt/Tidemark/resources/app.asar/dist/renderer/index.html';
const WINDOW_ID = 1;

type Handler = Parameters<IpcRegistrar['handle']>[1];
type IpcMainInvokeEvent = Parameters<Handler>[0];
const handlers = new Map<string, Handler>();
const registrar: IpcRegistrar = {
  handle: (channel, fn) => {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, fn);
  },
  removeHandler: (channel) => handlers.delete(channel),
};
const event = (id: number, url = PAGE) => ({ sender: { id }, senderFrame: { url, parent: null } }) as unknown as IpcMainInvokeEvent;
const invoke = (method: string, input: unknown, from = event(WINDOW_ID)) => handlers.get(channelFor(method))!(from, input) as Promise<Result<unknown>>;

let dir: string;
let source: string;
let services: Services;
let unregister: () => void;
const sent: unknown[][] = [];
const ended: Job[] = [];
let destroyed = false;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tidemark-shell-ipc-'));
  source = join(dir, 'source');
  mkdirSync(join(source, 'sub'), { recursive: true });
  writeFileSync(join(source, 'a.txt'), 'hello');
  writeFileSync(join(source, 'sub', 'b.bin'), Buffer.alloc(10_000, 7));
  services = await openServices({ dataDir: join(dir, 'data'), transport: 'electron' });
  unregister = registerIpc(registrar, services, (e) => isTrustedSender(e, WINDOW_ID, PAGE));
  forwardEvents(services, () => ({ isDestroyed: () => destroyed, send: (...args: unknown[]) => sent.push(args) }), (job) => {
    if (job.state === 'succeeded' || job.state === 'failed') ended.push(job);
  });
});

afterAll(async () => {
  await services?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('IPC registration (real services, recorded ipcMain)', () => {
  it('registers exactly one channel per contract method', () => {
    expect([...handlers.keys()].sort()).toEqual(METHOD_NAMES.map(channelFor).sort());
  });

  it('answers our window with the contract result', async () => {
    expect(await invoke('listWorkloads', {})).toEqual({ ok: true, value: [] });
  });

  it('refuses other senders before anything runs, and changes nothing', async () => {
    const add = { name: 'intruder', engine: 'cas', config: { source } };
    for (const from of [event(2), event(WINDOW_ID, 'https://evil.example/'), event(WINDOW_ID, 'file:///tmp/other.html')]) {
      const r = await invoke('addWorkload', add, from);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('forbidden');
    }
    expect(await invoke('listWorkloads', {})).toEqual({ ok: true, value: [] });
  });

  it('validates every input before a handler runs (hostile input comes back as bad-input data)', async () => {
    const hostile: [string, unknown][] = [
      ['addWorkload', { name: '../../etc', engine: 'cas', config: { source } }],
      ['addWorkload', { name: 'x', engine: 'cas', config: { source: `${source}/../../etc` } }],
      ['addWorkload', { name: 'x', engine: 'cas', config: { source: 'relative/path' } }],
      ['addWorkload', { name: 'x', engine: 'nope', config: {} }],
      ['addWorkload', { name: 'x', engine: 'cas', config: { source }, extra: true }],
      ['getWorkload', { name: 'a'.repeat(10 * 1024 * 1024) }],
      ['getWorkload', { name: 42 }],
      ['getWorkload', null],
      ['listJobs', { limit: -1 }],
    ];
    for (const [method, input] of hostile) {
      const r = await invoke(method, input);
      expect(r.ok, `${method} ${JSON.stringify(input).slice(0, 80)}`).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('bad-input');
    }
    expect(await invoke('listWorkloads', {})).toEqual({ ok: true, value: [] });
  });

  it('returns handler errors as data with their code', async () => {
    const r = await invoke('getWorkload', { name: 'missing' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('carries a real job end to end: IPC → services → worker → events to the window → notifier', async () => {
    const added = await invoke('addWorkload', { name: 'docs', engine: 'cas', config: { source } });
    expect(added.ok).toBe(true);
    expect(sent.some(([ch, name]) => ch === EVENT_CHANNEL && name === 'catalogChanged')).toBe(true);

    const started = await invoke('startEstimate', { name: 'docs' });
    expect(started.ok).toBe(true);
    const jobId = (started as { value: Job }).value.id;
    const deadline = Date.now() + 30_000;
    while (!ended.some((j) => j.id === jobId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const done = ended.find((j) => j.id === jobId);
    expect(done?.state).toBe('succeeded');
    expect(done?.result).toMatchObject({ files: 2, bytes: 10_005 });
    const updates = sent.filter(([ch, name, p]) => ch === EVENT_CHANNEL && name === 'jobUpdated' && (p as Job).id === jobId);
    expect(updates.length).toBeGreaterThan(0);
  });

  it('sends nothing to a destroyed window', async () => {
    destroyed = true;
    const before = sent.length;
    await invoke('updateWorkload', { name: 'docs', policy: { keepLast: 2 } });
    expect(sent.length).toBe(before);
    destroyed = false;
  });

  it('turns a service that throws into an internal error instead of a rejected invoke', async () => {
    const local = new Map<string, Handler>();
    registerIpc({ handle: (c, fn) => local.set(c, fn), removeHandler: (c) => local.delete(c) }, { call: () => Promise.reject(new Error('boom')) }, () => true);
    await expect(local.get(channelFor('listWorkloads'))!(event(WINDOW_ID), {})).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('unregisters every channel', () => {
    unregister();
    expect(handlers.size).toBe(0);
  });
});
