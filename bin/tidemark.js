#!/usr/bin/env node
// The `tidemark` command: runs the bundled CLI (built by `npm run build`).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('error: Tidemark is not built yet: run `npm run build` in the Tidemark folder\n');
  process.exit(1);
}
await import(cli.href);
