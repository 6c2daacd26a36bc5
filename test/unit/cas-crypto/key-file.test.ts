import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { describe, expect, test } from 'vitest';
import {
  createRepoKey,
  DEFAULT_SCRYPT_LOG_N,
  openRepoKey,
  repoKeyFromSecret,
  wrapRepoKey,
} from '../../../electron/core/engines/cas/crypto/index.js';
import { parseHeader } from '../../../electron/core/engines/cas/crypto/header.js';
import { bytes, expectCoded, expectCodedAsync } from './helpers.js';

const FAST = 10; // scrypt work factor for tests that are not about the work factor itself

describe('passphrase-protected key file', () => {
  test('opens to the same key, which reads what the original sealed', async () => {
    const { keyFile, key } = await createRepoKey({ passphrase: 'correct horse', scryptLogN: FAST });
    const header = parseHeader(keyFile);
    expect(header.stanzas.map((s) => s.args[0])).toEqual(['scrypt']);
    expect(header.stanzas[0]!.args[2]).toBe(String(FAST));
    const opened = await openRepoKey(keyFile, { passphrase: 'correct horse' });
    expect(opened.recipient).toBe(key.recipient);
    expect(opened.identity).toBe(key.identity);
    expect(opened.hmacKey.equals(key.hmacKey)).toBe(true);
    const plain = bytes(200_000);
    expect(opened.unseal(key.seal(plain)).equals(plain)).toBe(true);
  });

  test('wrong passphrase: forbidden, with the promised message, key file untouched', async () => {
    const { keyFile } = await createRepoKey({ passphrase: 'correct horse', scryptLogN: FAST });
    const before = Buffer.from(keyFile);
    await expectCodedAsync(openRepoKey(keyFile, { passphrase: 'correct hors' }), 'forbidden', /^wrong passphrase for this repository$/);
    await expectCodedAsync(openRepoKey(keyFile, { identities: [await generateX25519Identity()] }), 'forbidden', /passphrase/);
    expect(keyFile.equals(before)).toBe(true);
  });

  test('the key file is a standard age file: the reference decrypts it with the passphrase', async () => {
    const { keyFile, key } = await createRepoKey({ passphrase: 'pässwörd ✓', scryptLogN: FAST });
    const d = new Decrypter();
    d.addPassphrase('pässwörd ✓');
    const secret = JSON.parse(await d.decrypt(keyFile, 'text')) as { identity: string; chunkHmacKey: string };
    expect(await identityToRecipient(secret.identity)).toBe(key.recipient);
    expect(secret.chunkHmacKey).toBe(key.hmacKey.toString('hex'));
  });

  test('a key file written by the reference with a passphrase opens', async () => {
    const { key } = await createRepoKey({ passphrase: 'x', scryptLogN: FAST });
    const e = new Encrypter();
    e.setPassphrase('from elsewhere');
    e.setScryptWorkFactor(FAST);
    const keyFile = Buffer.from(await e.encrypt(JSON.stringify(key.secret())));
    expect((await openRepoKey(keyFile, { passphrase: 'from elsewhere' })).recipient).toBe(key.recipient);
  });

  test('a second key file (added or changed passphrase) opens the same repository', async () => {
    const { keyFile, key } = await createRepoKey({ passphrase: 'first', scryptLogN: FAST });
    const second = await wrapRepoKey(key, { passphrase: 'second', scryptLogN: FAST });
    expect((await openRepoKey(second, { passphrase: 'second' })).identity).toBe(key.identity);
    expect((await openRepoKey(keyFile, { passphrase: 'first' })).identity).toBe(key.identity);
    await expectCodedAsync(openRepoKey(second, { passphrase: 'first' }), 'forbidden');
  });

  test("age's default work factor: scrypt runs off the event loop", async () => {
    expect(DEFAULT_SCRYPT_LOG_N).toBe(18);
    const { keyFile } = await createRepoKey({ passphrase: 'slow and steady' });
    expect(parseHeader(keyFile).stanzas[0]!.args[2]).toBe('18');
    let last = performance.now();
    let worstGap = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    await openRepoKey(keyFile, { passphrase: 'slow and steady' });
    const took = performance.now() - started;
    clearInterval(tick);
    console.log(`open with scrypt N=2^18: ${took.toFixed(0)} ms, worst event-loop gap ${worstGap.toFixed(1)} ms`);
    expect(took).toBeGreaterThan(50); // the work factor really is applied
    expect(worstGap).toBeLessThan(Math.max(100, took / 2));
  });
});

describe('recipient-protected key file', () => {
  test('each recipient identity opens it; others are refused', async () => {
    const [alice, bob, mallory] = [await generateX25519Identity(), await generateX25519Identity(), await generateX25519Identity()];
    const { keyFile, key } = await createRepoKey({ recipients: [await identityToRecipient(alice), await identityToRecipient(bob)] });
    expect(parseHeader(keyFile).stanzas.map((s) => s.args[0])).toEqual(['X25519', 'X25519']);
    for (const id of [alice, bob]) expect((await openRepoKey(keyFile, { identities: [id] })).identity).toBe(key.identity);
    expect((await openRepoKey(keyFile, { identities: [mallory, bob] })).identity).toBe(key.identity);
    await expectCodedAsync(openRepoKey(keyFile, { identities: [mallory] }), 'forbidden', /wrong identity/);
    await expectCodedAsync(openRepoKey(keyFile, { passphrase: 'anything' }), 'forbidden', /not protected by a passphrase/);
  });

  test('accepts identity-file text with comments, as age-keygen writes it', async () => {
    const id = await generateX25519Identity();
    const { keyFile, key } = await createRepoKey({ recipients: [await identityToRecipient(id)] });
    const file = `# created: 2026-01-01T00:00:00Z\n# public key: ${await identityToRecipient(id)}\n${id}\n`;
    expect((await openRepoKey(keyFile, { identities: [file] })).recipient).toBe(key.recipient);
  });

  test('the reference decrypts it with the identity', async () => {
    const id = await generateX25519Identity();
    const { keyFile, key } = await createRepoKey({ recipients: [await identityToRecipient(id)] });
    const d = new Decrypter();
    d.addIdentity(id);
    expect(JSON.parse(await d.decrypt(keyFile, 'text')).identity).toBe(key.identity);
  });
});

describe('bad input and damage', () => {
  test('invalid protection is bad-input, before anything is derived', async () => {
    await expectCodedAsync(createRepoKey({ passphrase: '' }), 'bad-input', /empty/);
    await expectCodedAsync(createRepoKey({ recipients: [] }), 'bad-input');
    await expectCodedAsync(createRepoKey({ recipients: ['age1notakey'] }), 'bad-input', /recipient/);
    await expectCodedAsync(createRepoKey({ passphrase: 'x', scryptLogN: 40 }), 'bad-input', /work factor/);
    const { keyFile } = await createRepoKey({ recipients: [await identityToRecipient(await generateX25519Identity())] });
    await expectCodedAsync(openRepoKey(keyFile, { identities: ['# only a comment'] }), 'bad-input');
    await expectCodedAsync(openRepoKey(keyFile, { identities: ['AGE-SECRET-KEY-1XYZ'] }), 'bad-input');
  });

  test('a damaged or truncated key file is corrupt, not "wrong passphrase"', async () => {
    const { keyFile } = await createRepoKey({ passphrase: 'pw', scryptLogN: FAST });
    const flipped = Buffer.from(keyFile);
    flipped[flipped.length - 3] = flipped[flipped.length - 3]! ^ 1;
    await expectCodedAsync(openRepoKey(flipped, { passphrase: 'pw' }), 'corrupt');
    await expectCodedAsync(openRepoKey(keyFile.subarray(0, keyFile.length - 20), { passphrase: 'pw' }), 'corrupt');
    await expectCodedAsync(openRepoKey(keyFile.subarray(0, 40), { passphrase: 'pw' }), 'corrupt', /key file is damaged/);
    await expectCodedAsync(openRepoKey(Buffer.from('{"v":1}'), { passphrase: 'pw' }), 'corrupt');
  });

  test('an absurd scrypt work factor in a key file is refused before allocating', async () => {
    const { keyFile } = await createRepoKey({ passphrase: 'pw', scryptLogN: FAST });
    const text = keyFile.toString('latin1').replace(/(-> scrypt \S+) 10\n/, '$1 30\n');
    await expectCodedAsync(openRepoKey(Buffer.from(text, 'latin1'), { passphrase: 'pw' }), 'corrupt', /work factor/);
  });

  test('an age file holding something other than a repository secret is corrupt', async () => {
    const e = new Encrypter();
    e.setPassphrase('pw');
    e.setScryptWorkFactor(FAST);
    const notAKey = Buffer.from(await e.encrypt('{"v":1,"identity":"nope"}'));
    await expectCodedAsync(openRepoKey(notAKey, { passphrase: 'pw' }), 'corrupt', /no valid secret/);
  });
});

describe('handing an unlocked key to a worker', () => {
  test('secret() survives structured cloning and rebuilds an equivalent key', async () => {
    const { key } = await createRepoKey({ passphrase: 'pw', scryptLogN: FAST });
    const copy = repoKeyFromSecret(structuredClone(key.secret()));
    const plain = bytes(70_000);
    expect(copy.unseal(key.seal(plain)).equals(plain)).toBe(true);
    expect(copy.chunkId(plain).equals(key.chunkId(plain))).toBe(true);
    expectCoded(() => repoKeyFromSecret({ ...key.secret(), chunkHmacKey: 'zz' }), 'corrupt');
    expectCoded(() => repoKeyFromSecret({ ...key.secret(), identity: 'AGE-SECRET-KEY-1QQQQ' }), 'corrupt', /malformed identity/);
  });
});
