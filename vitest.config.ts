import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// One runner for unit, integration and e2e tests. Two cores: files run two at a time;
// integration and e2e tests start real processes, hence the generous timeouts.
//
// zfs-fuse is one daemon for the whole machine and wedges (processes stuck in D state) when
// several test files drive pools at once, so every file that touches zfs runs alone, after
// the rest: those under test/integration/zfs/ and any file importing test/support/zfs.
function zfsTestFiles(dir = 'test'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return zfsTestFiles(path);
    if (!e.name.endsWith('.test.ts')) return [];
    const usesZfs = path.startsWith(join('test', 'integration', 'zfs')) || /support\/zfs\.js['"]/.test(readFileSync(path, 'utf8'));
    return usesZfs ? [path] : [];
  });
}

const zfsFiles = zfsTestFiles();
const common = { pool: 'forks' as const, testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      { test: { ...common, name: 'main', include: ['test/**/*.test.ts'], exclude: zfsFiles, maxWorkers: 2, sequence: { groupOrder: 0 } } },
      { test: { ...common, name: 'zfs', include: zfsFiles, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
