// Prints vitest's JSON report as the one plain line CI reads: "N passed, N failed[, N skipped]".
import { readFileSync } from 'node:fs';

const r = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const passed = r.numPassedTests ?? 0;
// A test file that failed to load has no tests but is a failure too.
const brokenFiles = (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
const failed = (r.numFailedTests ?? 0) + brokenFiles;
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
for (const f of r.testResults ?? []) {
  for (const a of f.assertionResults ?? []) if (a.status === 'failed') console.log(`FAILED: ${f.name.replace(process.cwd() + '/', '')} > ${a.fullName}`);
  if (f.status === 'failed' && !(f.assertionResults ?? []).length) console.log(`FAILED to load: ${f.name.replace(process.cwd() + '/', '')}: ${(f.message ?? '').split('\n')[0]}`);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
