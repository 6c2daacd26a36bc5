import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { describe, expect, test } from 'vitest';
import { bech32Decode, bech32Encode } from '../../../electron/core/engines/cas/crypto/bech32.js';
import { formatIdentity, formatRecipient, generateIdentity, parseIdentity, parseRecipient } from '../../../electron/core/engines/cas/crypto/x25519.js';
import { expectCoded } from './helpers.js';

describe('age key encoding (bech32)', () => {
  test('identities and recipients match the age-encryption reference implementation', async () => {
    for (let i = 0; i < 20; i++) {
      const ref = await generateX25519Identity();
      const id = parseIdentity(ref);
      expect(formatIdentity(id.scalar)).toBe(ref);
      expect(formatRecipient(id.publicKey)).toBe(await identityToRecipient(ref));
    }
    const ours = generateIdentity();
    expect(await identityToRecipient(formatIdentity(ours.scalar))).toBe(formatRecipient(ours.publicKey));
  });

  test('round trips arbitrary bytes and rejects damaged strings', () => {
    const data = Buffer.from('00ff10203040506070', 'hex');
    const s = bech32Encode('test', data);
    expect(bech32Decode(s)).toEqual({ hrp: 'test', bytes: data });
    expect(bech32Decode(s.toUpperCase())?.bytes).toEqual(data);
    // One changed character breaks the checksum.
    const last = s.at(-1) === 'q' ? 'p' : 'q';
    expect(bech32Decode(s.slice(0, -1) + last)).toBeNull();
    expect(bech32Decode(s.slice(0, 5) + s.slice(5).toUpperCase())).toBeNull(); // mixed case
    expect(bech32Decode('test1' + 'b'.repeat(10))).toBeNull(); // 'b' is not in the alphabet
    expect(bech32Decode('nodelimiter')).toBeNull();
  });

  test('wrong kinds of key are a one-line bad-input error', () => {
    const id = generateIdentity();
    const recipient = formatRecipient(id.publicKey);
    const identity = formatIdentity(id.scalar);
    expectCoded(() => parseRecipient(identity), 'bad-input', /age1/);
    expectCoded(() => parseIdentity(recipient), 'bad-input', /AGE-SECRET-KEY-1/);
    expectCoded(() => parseRecipient('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI'), 'bad-input');
    expectCoded(() => parseRecipient(recipient.slice(0, -1)), 'bad-input');
  });
});
