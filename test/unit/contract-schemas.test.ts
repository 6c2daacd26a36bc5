import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract/index.js';
import { MAX_INPUT_BYTES, validateCall } from '../../shared/contract/validate.js';

const bad = (name: unknown, input: unknown) => {
  const r = validateCall(name, input);
  expect(r.ok).toBe(false);
  return r.ok ? null : r.error;
};

describe('contract validation against hostile input', () => {
  it('refuses unknown methods, including prototype keys', () => {
    for (const name of ['deleteEverything', '__proto__', 'constructor', 'toString', '', 42, null, undefined]) {
      expect(bad(name, {})?.code).toBe('unknown-method');
    }
  });

  it('accepts a well-formed call and strips nothing silently: unknown keys are refused', () => {
    expect(validateCall('listWorkloads', {}).ok).toBe(true);
    expect(bad('listWorkloads', { extra: 1 })?.code).toBe('bad-input');
  });

  it.each([
    ['relative path', 'home/user'],
    ['parent traversal', '/home/user/../../etc'],
    ['traversal at the end', '/srv/..'],
    ['file URL', 'file:///etc/passwd'],
    ['NUL byte', '/home/user\0/x'],
    ['huge string', `/${'a'.repeat(10 * 1024 * 1024)}`],
  ])('refuses a source path that is a %s', (_, source) => {
    const e = bad('addWorkload', { name: 'docs', engine: 'cas', config: { source } });
    expect(e?.code).toBe('bad-input');
    expect(e!.message.length).toBeLessThan(300);
  });

  it.each([
    ['wrong type', { name: 42, engine: 'cas', config: { source: '/tmp' } }],
    ['unknown engine', { name: 'x', engine: 'ftp', config: { source: '/tmp' } }],
    ['name with a slash', { name: '../x', engine: 'cas', config: { source: '/tmp' } }],
    ['name too long', { name: 'a'.repeat(65), engine: 'cas', config: { source: '/tmp' } }],
    ['array instead of object', []],
    ['config of another engine', { name: 'x', engine: 'disk', config: { source: '/tmp' } }],
    ['negative retention count', { name: 'x', engine: 'cas', config: { source: '/tmp' }, policy: { keepLast: -1 } }],
    ['bad duration', { name: 'x', engine: 'cas', config: { source: '/tmp' }, policy: { keepWithin: '7 days' } }],
  ])('refuses addWorkload with %s', (_, input) => {
    expect(bad('addWorkload', input)?.code).toBe('bad-input');
  });

  it('names the offending field in one line', () => {
    const e = bad('addWorkload', { name: 'docs', engine: 'cas', config: { source: 'relative' } });
    expect(e?.message).toMatch(/^addWorkload: config\.source: /);
    expect(e?.message).not.toContain('\n');
  });

  it('refuses inputs over the size limit before parsing them', () => {
    const e = bad('listJobs', { states: Array(MAX_INPUT_BYTES).fill('queued') });
    expect(e?.message).toMatch(/too large/);
  });

  it('refuses inputs that are not plain data', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(bad('listWorkloads', cyclic)?.code).toBe('bad-input');
  });

  it('refuses ids with path or shell characters', () => {
    for (const id of ['../../x', 'a b', 'x;rm -rf /', '$(id)', '']) expect(bad('getJob', { id })?.code).toBe('bad-input');
  });

  it('has a schema for every method', () => {
    expect(METHOD_NAMES.length).toBeGreaterThan(10);
    for (const name of METHOD_NAMES) expect(validateCall(name, Symbol('x')).ok).toBe(false);
  });
});
