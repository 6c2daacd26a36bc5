// `tidemark workload add --engine cas --encrypt [--recipient age1…]` with the built CLI.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatRecipient, generateIdentity } from '../../../electron/core/engines/cas/crypto/x25519.js';
import { tidemark } from '../../support/cli.js';

const root = mkdtempSync(join(tmpdir(), 'tm-cli-encrypt-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('workload add --encrypt', () => {
  const src = join(root, 'src');
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'f.txt'), 'cli\n');
  const noPw = { TIDEMARK_PASSWORD: '' };

  it('needs TIDEMARK_PASSWORD or a recipient; --recipient needs --encrypt (usage errors, exit 2)', () => {
    const data = join(root, 'd1');
    const a = tidemark(data, ['workload', 'add', 'x', '--engine', 'cas', '--source', src, '--encrypt'], { env: noPw });
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--encrypt needs a passphrase in TIDEMARK_PASSWORD, or at least one --recipient/);
    const b = tidemark(data, ['workload', 'add', 'x', '--engine', 'cas', '--source', src, '--recipient', formatRecipient(generateIdentity().publicKey)], { env: noPw });
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--recipient needs --encrypt/);
    const c = tidemark(data, ['workload', 'add', 'x', '--engine', 'cas', '--source', src, '--encrypt', '--recipient', 'age1nope'], { env: noPw });
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/not an age recipient/);
  });

  it('passphrase + recipients: two key files; backups need the passphrase', () => {
    const data = join(root, 'd2');
    const env = { TIDEMARK_PASSWORD: 'cli-pass' };
    const r = tidemark(data, ['workload', 'add', 'enc', '--engine', 'cas', '--source', src, '--encrypt', '--recipient', formatRecipient(generateIdentity().publicKey), '--recipient', formatRecipient(generateIdentity().publicKey)], { env });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/encrypted, 2 age recipient\(s\)/);
    expect(readdirSync(join(data, 'repos', 'enc', 'keys'))).toHaveLength(2);
    expect(tidemark(data, ['backup', 'enc'], { env }).code).toBe(0);
    const without = tidemark(data, ['backup', 'enc'], { env: noPw });
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/error: workload enc is encrypted: .*set TIDEMARK_PASSWORD/);
  }, 120_000);
});
