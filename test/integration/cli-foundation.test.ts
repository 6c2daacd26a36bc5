import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tidemark, tidemarkJson } from '../support/cli.js';

let root: string;
let data: string;
let src: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'tm-cli-'));
  data = join(root, 'data');
  src = join(root, 'src');
  mkdirSync(join(src, 'sub'), { recursive: true });
  writeFileSync(join(src, 'a.txt'), 'hello');
  writeFileSync(join(src, 'sub', 'b.bin'), Buffer.alloc(4096, 7));
  expect(tidemark(data, ['workload', 'add', 'docs', '--engine', 'cas', '--source', src]).code).toBe(0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every failure: exit code, exactly one `error: …` line on stderr, and the catalog unchanged. */
function expectRefused(args: string[], code: 1 | 2, pattern: RegExp) {
  const before = tidemarkJson<unknown[]>(data, ['workload', 'list']);
  const r = tidemark(data, args);
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr).toMatch(/^error: /);
  expect(r.stderr.trim().split('\n')[0]).toMatch(pattern);
  expect(tidemarkJson<unknown[]>(data, ['workload', 'list'])).toEqual(before);
}

describe('tidemark CLI (foundation)', () => {
  it('lists, shows and estimates a workload, with --json', () => {
    const list = tidemarkJson<{ name: string; engine: string; config: { source: string } }[]>(data, ['workload', 'list']);
    expect(list).toEqual([expect.objectContaining({ name: 'docs', engine: 'cas', config: expect.objectContaining({ source: src }) })]);
    expect(tidemark(data, ['workload', 'show', 'docs']).stdout).toMatch(/engine: +cas/);
    const est = tidemarkJson<{ files: number; bytes: number; unreadable: unknown[] }>(data, ['estimate', 'docs']);
    expect(est).toMatchObject({ files: 2, bytes: 5 + 4096, unreadable: [] });
    expect(tidemark(data, ['estimate', 'docs']).stdout).toMatch(/^2 files in 2 folders, 4\.\d+ KiB/);
  });

  it('refuses a duplicate workload name', () => expectRefused(['workload', 'add', 'docs', '--engine', 'cas', '--source', src], 1, /already exists/));
  it('refuses an unknown engine', () => expectRefused(['workload', 'add', 'x', '--engine', 'tape', '--source', src], 2, /unknown engine "tape"/));
  it('refuses a non-existent source', () => expectRefused(['workload', 'add', 'x', '--engine', 'cas', '--source', join(root, 'nope')], 1, /does not exist/));
  it('refuses a source that is a file', () => expectRefused(['workload', 'add', 'x', '--engine', 'cas', '--source', join(src, 'a.txt')], 1, /not a directory/));
  it('refuses a malformed policy file', () => {
    writeFileSync(join(root, 'bad.json'), '{ keepLast: 3 ');
    expectRefused(['workload', 'add', 'x', '--engine', 'cas', '--source', src, '--policy', join(root, 'bad.json')], 1, /not valid JSON/);
  });
  it('refuses a policy with a wrong field', () => {
    writeFileSync(join(root, 'wrong.json'), '{ "keepLast": "three" }');
    expectRefused(['workload', 'add', 'x', '--engine', 'cas', '--source', src, '--policy', join(root, 'wrong.json')], 1, /policy\.keepLast/);
  });
  it('refuses unknown options and missing arguments as bad usage', () => {
    expectRefused(['workload', 'add', 'x', '--engine', 'cas', '--source', src, '--bogus'], 2, /bogus/);
    expectRefused(['workload', 'show'], 2, /expected 1 argument/);
    expectRefused(['frobnicate'], 2, /unknown command/);
  });
  it('refuses a workload that does not exist', () => expectRefused(['estimate', 'ghost'], 1, /no workload named "ghost"/));

  it('refuses a data dir that is not writable, creating nothing', () => {
    const blocker = join(root, 'a-file');
    writeFileSync(blocker, '');
    const r = tidemark(join(blocker, 'data'), ['workload', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: the data directory .* is not writable/);
  });

  it('refuses a catalog from a newer version and leaves it untouched', () => {
    const copy = join(root, 'newer');
    mkdirSync(copy);
    copyFileSync(join(data, 'tidemark.db'), join(copy, 'tidemark.db'));
    const db = join(copy, 'tidemark.db');
    // bump user_version (header offset 60, big-endian) to a future schema
    const bytes = readFileSync(db);
    bytes.writeUInt32BE(999, 60);
    writeFileSync(db, bytes);
    const r = tidemark(copy, ['workload', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/newer Tidemark/);
    expect(readFileSync(db).equals(bytes)).toBe(true);
  });

  it('removes a workload but keeps its data, and says so', () => {
    tidemark(data, ['workload', 'add', 'tmp', '--engine', 'cas', '--source', src]);
    const r = tidemark(data, ['workload', 'remove', 'tmp']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/kept on disk: repository .*; source /);
    expect(readFileSync(join(src, 'a.txt'), 'utf8')).toBe('hello');
  });
});
