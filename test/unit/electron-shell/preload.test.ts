// The Electron binary cannot be installed on this machine, so the preload bundle runs in a vm with a
// stand-in `electron` module that records what it is asked. The bundle itself is the real one
// (electron/preload/preload.ts bundled by esbuild as scripts/build.mjs does).
import { build } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_NAMES } from '../../../shared/contract/events.js';
import { METHOD_NAMES } from '../../../shared/contract/index.js';
import { channelFor } from '../../../electron/main/ipc.js';

type Fn = (...args: unknown[]) => unknown;
interface Loaded {
  exposed: Map<string, Record<string, Fn>>;
  invoked: { channel: string; args: unknown[] }[];
  ipcListeners: Map<string, Fn[]>;
  required: string[];
}

let code = '';
beforeAll(async () => {
  const out = await build({
    entryPoints: ['electron/preload/preload.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  code = out.outputFiles[0]!.text;
});

function load(): Loaded {
  const loaded: Loaded = { exposed: new Map(), invoked: [], ipcListeners: new Map(), required: [] };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, Fn>) => loaded.exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => {
        loaded.invoked.push({ channel, args });
        return Promise.resolve({ ok: true, value: channel });
      },
      on: (channel: string, fn: Fn) => loaded.ipcListeners.set(channel, [...(loaded.ipcListeners.get(channel) ?? []), fn]),
      removeListener: (channel: string, fn: Fn) => loaded.ipcListeners.set(channel, (loaded.ipcListeners.get(channel) ?? []).filter((f) => f !== fn)),
    },
  };
  // A sandboxed preload may require only a few modules; ours needs nothing but electron.
  const require = (id: string) => {
    loaded.required.push(id);
    if (id === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${id}`);
  };
  const module = { exports: {} };
  runInNewContext(code, { require, module, exports: module.exports, console });
  return loaded;
}

const api = (l: Loaded) => l.exposed.get('tidemark')!;

describe('preload (fake electron module: binary not installable here)', () => {
  it('exposes window.tidemark only, and requires nothing but electron', () => {
    const l = load();
    expect([...l.exposed.keys()]).toEqual(['tidemark']);
    expect(new Set(l.required)).toEqual(new Set(['electron']));
  });

  it('has one named function for every contract method, and nothing else but on()', () => {
    const keys = Object.keys(api(load()));
    const missing = METHOD_NAMES.filter((m) => !keys.includes(m));
    const extra = keys.filter((k) => k !== 'on' && !(METHOD_NAMES as string[]).includes(k));
    expect(missing, 'methods of shared/contract missing from electron/preload/preload.ts').toEqual([]);
    expect(extra, 'preload functions that are not contract methods').toEqual([]);
    for (const k of keys) expect(typeof api(load())[k]).toBe('function');
  });

  it("each function invokes its own method's channel with the input and nothing more", async () => {
    const l = load();
    for (const name of METHOD_NAMES) {
      const input = { probe: name };
      await expect(api(l)[name]!(input, 'extra', 'args')).resolves.toEqual({ ok: true, value: channelFor(name) });
      expect(l.invoked.at(-1)).toEqual({ channel: channelFor(name), args: [input] });
    }
    expect(l.invoked).toHaveLength(METHOD_NAMES.length);
  });

  it('on() delivers only the named event, payload only (never the IpcRendererEvent), until unsubscribed', () => {
    const l = load();
    const got: unknown[][] = [];
    const off = api(l).on!('jobProgress', (...args: unknown[]) => got.push(args)) as () => void;
    const off2 = api(l).on!('catalogChanged', () => got.push(['catalogChanged'])) as () => void;
    const listeners = l.ipcListeners.get('tidemark:event') ?? [];
    expect(listeners, 'one IPC subscription shared by every on()').toHaveLength(1);
    const emit = (name: string, payload: unknown) => listeners[0]!({ sender: 'secret', ports: [] }, name, payload);
    emit('jobProgress', { jobId: 'j', bytesDone: 1 });
    emit('jobLog', { jobId: 'j', message: 'not for this listener' });
    expect(got).toEqual([[{ jobId: 'j', bytesDone: 1 }]]);
    off();
    emit('jobProgress', { jobId: 'j', bytesDone: 2 });
    emit('catalogChanged', { entity: 'workloads' });
    expect(got).toEqual([[{ jobId: 'j', bytesDone: 1 }], ['catalogChanged']]);
    off2();
  });

  it('on() refuses unknown event names and non-function listeners', () => {
    const l = load();
    expect(() => api(l).on!('__proto__', () => {})).toThrow(/unknown event/);
    expect(() => api(l).on!('ipc:anything', () => {})).toThrow(/unknown event/);
    expect(() => api(l).on!('jobLog', 'not a function')).toThrow(/function/);
    for (const e of EVENT_NAMES) (api(l).on!(e, () => {}) as () => void)();
  });

  it('a listener that throws does not stop the others', () => {
    const l = load();
    const got: string[] = [];
    api(l).on!('jobUpdated', () => {
      throw new Error('renderer bug');
    });
    api(l).on!('jobUpdated', () => got.push('second'));
    const quiet = { error: () => {} };
    const [listener] = l.ipcListeners.get('tidemark:event')!;
    const original = console.error;
    console.error = quiet.error;
    try {
      listener!({}, 'jobUpdated', { id: 'j' });
    } finally {
      console.error = original;
    }
    expect(got).toEqual(['second']);
  });
});
