import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const rel = join(dir, name);
    if (statSync(join(ROOT, rel)).isDirectory()) out.push(...sources(rel));
    else if (/\.(ts|tsx|mts|cts)$/.test(name)) out.push(rel);
  }
  return out;
}

/** Every module specifier a file imports (static, dynamic, re-export, require). */
export function importsOf(text: string): string[] {
  const specs: string[] = [];
  const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(re)) specs.push((m[1] ?? m[2] ?? m[3] ?? m[4])!);
  return specs;
}

const NODE_BUILTINS = new Set(['fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'net', 'stream', 'util', 'url', 'events', 'buffer', 'zlib']);

/** The rules of DESIGN.md "Layout": returns the violations of one file. */
export function violations(file: string, text: string): string[] {
  const out: string[] = [];
  const browserSide = file.startsWith('shared/') || file.startsWith('renderer/');
  for (const spec of importsOf(text)) {
    if (spec === 'electron' || spec.startsWith('electron/')) {
      if (!file.startsWith('electron/main/') && !file.startsWith('electron/preload/')) out.push(`${file} imports electron`);
    }
    if (browserSide) {
      if (spec.startsWith('node:') || NODE_BUILTINS.has(spec)) out.push(`${file} imports ${spec}`);
      if (/(^|\/)electron\//.test(spec) && spec.startsWith('.')) out.push(`${file} imports ${spec}`);
      if (file.startsWith('shared/') && (spec === 'react' || spec.startsWith('react-') || spec === 'react-dom')) out.push(`${file} imports ${spec}`);
    }
  }
  return out;
}

describe('import boundaries (DESIGN.md "Layout")', () => {
  it('detects each kind of violation (so the rule can fail)', () => {
    expect(violations('shared/x.ts', `import { readFileSync } from 'node:fs';`)).toHaveLength(1);
    expect(violations('renderer/x.tsx', `import x from '../electron/core/services.js';`)).toHaveLength(1);
    expect(violations('shared/x.ts', `export { y } from 'react';`)).toHaveLength(1);
    expect(violations('electron/core/x.ts', `const e = require('electron');`)).toHaveLength(1);
    expect(violations('electron/host/x.ts', `await import('electron')`)).toHaveLength(1);
    expect(violations('renderer/x.tsx', `import 'fs';`)).toHaveLength(1);
    expect(violations('electron/main/x.ts', `import { app } from 'electron';`)).toHaveLength(0);
    expect(violations('electron/core/x.ts', `import { readFile } from 'node:fs/promises';`)).toHaveLength(0);
  });

  it('holds for every source file in the repository', () => {
    const files = ['shared', 'renderer', 'electron'].flatMap((d) => sources(d));
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((f) => violations(relative(ROOT, join(ROOT, f)), readFileSync(join(ROOT, f), 'utf8')));
    expect(found).toEqual([]);
  });
});
