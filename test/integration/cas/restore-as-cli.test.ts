// `tidemark restore SNAP --include FILE --target DIR --as NAME`: one file restored under a new name
// next to the original, through the built CLI; never over an existing file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../shared/domain.js';
import { tidemark, tidemarkJson } from '../../support/cli.js';
import { cleanupTmp, tmp } from './helpers.js';

afterAll(cleanupTmp);

describe('cli restore --as', () => {
  it('writes the old version beside the current file and refuses to overwrite', () => {
    const data = join(tmp(), 'data');
    const src = tmp();
    mkdirSync(join(src, 'docs'));
    writeFileSync(join(src, 'docs', 'plan.md'), 'v1\n');
    tidemarkJson(data, ['workload', 'add', 'w', '--engine', 'cas', '--source', src]);
    tidemarkJson(data, ['backup', 'w']);
    writeFileSync(join(src, 'docs', 'plan.md'), 'v2\n');
    const [snap] = tidemarkJson<Snapshot[]>(data, ['snapshots', 'w']);

    const r = tidemarkJson<{ files: number; chunksVerified: number; restored: string[] }>(data, ['restore', snap!.id, '--include', 'docs/plan.md', '--target', join(src, 'docs'), '--as', 'plan (old).md']);
    expect(r).toMatchObject({ files: 1, chunksVerified: 1, restored: ['plan (old).md'] });
    expect(readFileSync(join(src, 'docs', 'plan (old).md'), 'utf8')).toBe('v1\n');
    expect(readFileSync(join(src, 'docs', 'plan.md'), 'utf8')).toBe('v2\n');

    const again = tidemark(data, ['restore', snap!.id, '--include', 'docs/plan.md', '--target', join(src, 'docs'), '--as', 'plan.md']);
    expect([again.code, again.stderr.trim()]).toEqual([1, `error: ${join(src, 'docs')}/plan.md already exists; choose another name`]);
    expect(readFileSync(join(src, 'docs', 'plan.md'), 'utf8')).toBe('v2\n');
    const usage = tidemark(data, ['restore', snap!.id, '--target', src, '--as', 'x']);
    expect([usage.code, usage.stderr]).toEqual([2, expect.stringMatching(/--as NAME restores exactly one file/)]);
  }, 60_000);
});
