// `npm run bench [suite…]`: runs every suite in bench/suites (or the named ones) and prints one table.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchRow, Suite } from './bench.js';

const suitesDir = new URL('./suites/', import.meta.url);
const wanted = process.argv.slice(2);
const names = readdirSync(suitesDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort();

const rows: BenchRow[] = [];
let failedSuites = 0;
for (const name of names) {
  const dir = mkdtempSync(join(process.env.TIDEMARK_BENCH_DIR ?? tmpdir(), `tidemark-bench-${name}-`));
  const mod = (await import(pathToFileURL(join(suitesDir.pathname, `${name}.ts`)).href)) as { default: Suite };
  process.stderr.write(`== ${name}\n`);
  try {
    await mod.default({
      dir,
      row: (r) => rows.push({ suite: name, ...r }),
      log: (m) => process.stderr.write(`   ${m}\n`),
    });
  } catch (e) {
    failedSuites++;
    process.stderr.write(`   suite ${name} failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  } finally {
    if (process.env.TIDEMARK_BENCH_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));
const table = [['suite', 'metric', 'value', 'unit', 'target', 'ok'], ...rows.map((r) => [r.suite, r.metric, fmt(r.value), r.unit, r.target ?? '', r.pass === undefined ? '' : r.pass ? 'yes' : 'NO'])];
const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
for (const [i, row] of table.entries()) {
  console.log(row.map((c, j) => c.padEnd(widths[j]!)).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
const misses = rows.filter((r) => r.pass === false).length;
console.log(`\n${rows.length} rows, ${misses} below target${failedSuites ? `, ${failedSuites} suites failed` : ''}`);
process.exitCode = failedSuites ? 1 : 0;
