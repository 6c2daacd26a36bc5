import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../electron/core/secrets/memory-store.js';
import { memoryOnly, Secrets } from '../../../electron/core/secrets/secrets.js';
import type { SecretStore } from '../../../electron/core/secrets/types.js';

describe('memory secret store', () => {
  it('keeps, lists (names only), replaces and deletes secrets', () => {
    const s = new MemorySecretStore();
    expect(s.kind).toBe('session-memory');
    expect(s.get('docs')).toBeUndefined();
    s.set('docs', 'pw1');
    s.set('constructor', 'pw2'); // names that are Object.prototype keys are ordinary names
    expect(s.get('docs')).toBe('pw1');
    expect(s.get('constructor')).toBe('pw2');
    expect(s.get('toString')).toBeUndefined();
    expect(s.list()).toEqual(['constructor', 'docs']);
    s.set('docs', 'pw3');
    expect(s.get('docs')).toBe('pw3');
    expect(s.delete('docs')).toBe(true);
    expect(s.delete('docs')).toBe(false);
    expect(s.get('docs')).toBeUndefined();
  });

  it('is empty in a new process (a new instance)', () => {
    new MemorySecretStore().set('docs', 'pw');
    expect(new MemorySecretStore().list()).toEqual([]);
  });
});

describe('Secrets (session memory in front of a persistent store)', () => {
  it('memory only: "remember" keeps it for the session and says so', () => {
    const s = new Secrets(memoryOnly('Passphrases are kept in memory until the server stops.'));
    expect(s.kind).toBe('session-memory');
    s.set('docs', 'pw', true);
    expect(s.get('docs')).toBe('pw');
    expect(s.where('docs')).toBe('session-memory');
    expect(s.list()).toEqual([{ workload: 'docs', store: 'session-memory' }]);
    expect(s.forget('docs')).toBe(true);
    expect(s.get('docs')).toBeUndefined();
    expect(s.where('docs')).toBeNull();
  });

  it('with a persistent store: remember goes there, "this session only" does not overwrite it, forget clears both', () => {
    const inner = new MemorySecretStore();
    const persistent: SecretStore = { kind: 'os-keychain', get: (w) => inner.get(w), set: (w, v) => inner.set(w, v), delete: (w) => inner.delete(w), list: () => inner.list() };
    const s = new Secrets({ persistent, note: 'keychain' });
    expect(s.kind).toBe('os-keychain');
    s.set('docs', 'remembered', true);
    expect(persistent.get('docs')).toBe('remembered');
    expect(s.where('docs')).toBe('os-keychain');
    s.set('docs', 'once', false);
    expect(s.get('docs')).toBe('once');
    expect(persistent.get('docs')).toBe('remembered');
    expect(s.where('docs')).toBe('session-memory');
    s.set('docs', 'new', true); // remembering again replaces both
    expect(s.get('docs')).toBe('new');
    expect(s.where('docs')).toBe('os-keychain');
    s.set('docs', 'once', false);
    expect(s.forget('docs')).toBe(true);
    expect(s.get('docs')).toBeUndefined();
    expect(persistent.get('docs')).toBeUndefined();
  });
});
