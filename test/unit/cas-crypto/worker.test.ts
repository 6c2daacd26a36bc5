import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createRepoKey } from '../../../electron/core/engines/cas/crypto/index.js';
import { bytes, tempDir } from './helpers.js';

// The production path: main unlocks the key (scrypt), posts `secret()` to a job worker, the worker
// seals with sodium-native loaded inside the worker thread.

const CRYPTO = new URL('../../../electron/core/engines/cas/crypto/', import.meta.url);
const tmp = tempDir();
let workerFile: string;

beforeAll(async () => {
  const entry = join(tmp.dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { parentPort, workerData } from 'node:worker_threads';
     import { repoKeyFromSecret } from ${JSON.stringify(new URL('index.ts', CRYPTO).pathname)};
     const key = repoKeyFromSecret(workerData.secret);
     const sealed = key.seal(workerData.plain);
     parentPort.postMessage({ sealed, opened: key.unseal(workerData.fromMain), id: key.chunkId(workerData.plain) });`,
  );
  workerFile = join(tmp.dir, 'worker.mjs');
  // sodium-native is loaded with createRequire(import.meta.url): point that at the source tree so it
  // resolves from the repository's node_modules, as it does from dist/worker.js.
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: workerFile,
    define: { 'import.meta.url': JSON.stringify(new URL('sodium.ts', CRYPTO).href) },
    logLevel: 'error',
  });
});
afterAll(() => tmp.cleanup());

test('a key rebuilt from its posted secret seals and unseals inside a worker thread', async () => {
  const { key } = await createRepoKey({ passphrase: 'worker', scryptLogN: 10 });
  const plain = bytes(300_000, 4);
  const fromMain = key.seal(bytes(70_000, 5));
  const worker = new Worker(pathToFileURL(workerFile), { workerData: { secret: key.secret(), plain, fromMain } });
  const reply = await new Promise<{ sealed: Uint8Array; opened: Uint8Array; id: Uint8Array }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  expect(key.unseal(Buffer.from(reply.sealed)).equals(plain)).toBe(true);
  expect(Buffer.from(reply.opened).equals(bytes(70_000, 5))).toBe(true);
  expect(Buffer.from(reply.id).equals(key.chunkId(plain))).toBe(true);
});
