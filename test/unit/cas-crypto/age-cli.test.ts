import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRepoKey, openRepoKey, type RepoKey } from '../../../electron/core/engines/cas/crypto/index.js';
import { age, ageWithPassphrase, bytes, expectCoded, requireAgeCli, tempDir } from './helpers.js';

// The interop promise: a standard age tool (Debian's `age`, the Go reference) reads what Tidemark writes,
// and Tidemark reads what it writes.

const K = 64 * 1024;
const tmp = tempDir();
const at = (name: string) => join(tmp.dir, name);
let key: RepoKey;
let repoIdFile: string;

beforeAll(async () => {
  requireAgeCli();
  ({ key } = await createRepoKey({ passphrase: 'cli tests', scryptLogN: 10 }));
  repoIdFile = at('repo-identity.txt');
  writeFileSync(repoIdFile, key.identity + '\n');
});
afterAll(() => tmp.cleanup());

describe('objects', () => {
  test.each([0, 1, K, 2 * K, 3 * K + 1, 4_000_037])('%i bytes sealed by Tidemark decrypt with age -d -i', (n) => {
    const plain = bytes(n, n + 5);
    writeFileSync(at(`obj-${n}`), key.seal(plain));
    expect(age(['-d', '-i', repoIdFile, at(`obj-${n}`)]).equals(plain)).toBe(true);
  });

  test.each([0, 1, K, 2 * K, 3 * K + 1, 4_000_037])('%i bytes from age -r unseal in Tidemark', (n) => {
    const plain = bytes(n, n + 6);
    expect(key.unseal(age(['-r', key.recipient], plain)).equals(plain)).toBe(true);
  });

  test('a file age wrote for several recipients unseals when one of them is the repository', () => {
    execFileSync('age-keygen', ['-o', at('third.txt')], { stdio: 'ignore' });
    const third = execFileSync('age-keygen', ['-y', at('third.txt')]).toString().trim();
    const plain = bytes(100_000, 8);
    const sealed = age(['-r', third, '-r', key.recipient], plain);
    expect(key.unseal(sealed).equals(plain)).toBe(true);
  });

  test('age rejects a Tidemark object with a flipped payload bit, as Tidemark does', () => {
    const sealed = key.seal(bytes(K + 10, 9));
    sealed[sealed.length - 5] = sealed[sealed.length - 5]! ^ 1;
    writeFileSync(at('bad'), sealed);
    expect(() => age(['-d', '-i', repoIdFile, at('bad')])).toThrow();
    expectCoded(() => key.unseal(sealed), 'corrupt');
  });
});

describe('key files', () => {
  test('a recipient-protected key file decrypts with age -d -i <user identity>, and its identity opens objects', async () => {
    execFileSync('age-keygen', ['-o', at('user.txt')], { stdio: 'ignore' });
    const userRecipient = execFileSync('age-keygen', ['-y', at('user.txt')]).toString().trim();
    const { keyFile, key: k } = await createRepoKey({ recipients: [userRecipient] });
    writeFileSync(at('key-r'), keyFile);
    const secret = JSON.parse(age(['-d', '-i', at('user.txt'), at('key-r')]).toString()) as { identity: string };
    expect(secret.identity).toBe(k.identity);
    // And Tidemark opens the key with the identity file age-keygen wrote, comments and all.
    expect((await openRepoKey(keyFile, { identities: [readFileSync(at('user.txt'), 'utf8')] })).recipient).toBe(k.recipient);
  });

  test('a passphrase key file decrypts with age -d and the passphrase (typed into a pty)', async () => {
    const { keyFile, key: k } = await createRepoKey({ passphrase: 'typed on a tty', scryptLogN: 12 });
    writeFileSync(at('key-p'), keyFile);
    const r = await ageWithPassphrase(['-d', '-o', at('key-p.json'), at('key-p')], 'typed on a tty');
    expect(r.code, r.output).toBe(0);
    expect(JSON.parse(readFileSync(at('key-p.json'), 'utf8')).identity).toBe(k.identity);
    const wrong = await ageWithPassphrase(['-d', '-o', at('key-p-wrong.json'), at('key-p')], 'not it');
    expect(wrong.code).not.toBe(0);
  });

  test('a key file age -p wrote (work factor 2^18) opens with the passphrase', async () => {
    writeFileSync(at('secret.json'), JSON.stringify(key.secret()));
    const r = await ageWithPassphrase(['-p', '-o', at('key-from-age'), at('secret.json')], 'made by age');
    expect(r.code, r.output).toBe(0);
    const keyFile = readFileSync(at('key-from-age'));
    expect(keyFile.toString('latin1')).toMatch(/^age-encryption\.org\/v1\n-> scrypt \S+ 18\n/);
    expect((await openRepoKey(keyFile, { passphrase: 'made by age' })).recipient).toBe(key.recipient);
  });
});
