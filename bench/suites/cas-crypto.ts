// cas encryption cost on 16 MiB packs, per CPU-second (the machine is shared: wall time swings with load).
import { randomBytes } from 'node:crypto';
import { createRepoKey } from '../../electron/core/engines/cas/crypto/index.js';
import { sodium } from '../../electron/core/engines/cas/crypto/sodium.js';
import type { Bench } from '../bench.js';

const MiB = 1 << 20;
const PACK = 16 * MiB;

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
function mibPerCpuSecond(runs: number, fn: () => void, bytesPerRun = PACK): number {
  const t = cpuSeconds();
  for (let i = 0; i < runs; i++) fn();
  return (bytesPerRun * runs) / MiB / (cpuSeconds() - t);
}

export default async function (b: Bench): Promise<void> {
  const { key } = await createRepoKey({ passphrase: 'bench', scryptLogN: 10 });
  const pack = randomBytes(PACK);
  const sealed = key.seal(pack);
  const rawOut = Buffer.allocUnsafe(64 * 1024 + 16);
  const rawKey = Buffer.alloc(32, 1);
  const nonce = Buffer.alloc(12);
  const raw = () => {
    for (let off = 0; off < PACK; off += 64 * 1024) sodium.crypto_aead_chacha20poly1305_ietf_encrypt(rawOut, pack.subarray(off, off + 64 * 1024), null, null, nonce, rawKey);
  };
  const sealOut = Buffer.allocUnsafe(sealed.length);
  const unsealOut = Buffer.allocUnsafe(PACK);
  const best = { raw: 0, seal: 0, unseal: 0, sealInto: 0, unsealInto: 0 };
  for (let round = 0; round < 4; round++) {
    best.raw = Math.max(best.raw, mibPerCpuSecond(4, raw));
    best.seal = Math.max(best.seal, mibPerCpuSecond(4, () => key.seal(pack)));
    best.unseal = Math.max(best.unseal, mibPerCpuSecond(4, () => key.unseal(sealed)));
    best.sealInto = Math.max(best.sealInto, mibPerCpuSecond(4, () => key.seal(pack, sealOut)));
    best.unsealInto = Math.max(best.unsealInto, mibPerCpuSecond(4, () => key.unseal(sealed, unsealOut)));
  }
  const chunk = randomBytes(MiB);
  b.row({ metric: 'raw ChaCha20-Poly1305 (ceiling)', value: best.raw, unit: 'MiB/cpu-s' });
  b.row({ metric: 'seal 16 MiB pack (fresh buffer)', value: best.seal, unit: 'MiB/cpu-s' });
  b.row({ metric: 'unseal 16 MiB pack (fresh buffer)', value: best.unseal, unit: 'MiB/cpu-s' });
  b.row({ metric: 'seal into reused buffer', value: best.sealInto, unit: 'MiB/cpu-s', target: '≥ 0.75 × raw AEAD', pass: best.sealInto >= 0.75 * best.raw });
  b.row({ metric: 'unseal into reused buffer', value: best.unsealInto, unit: 'MiB/cpu-s', target: '≥ 0.75 × raw AEAD', pass: best.unsealInto >= 0.75 * best.raw });
  b.row({ metric: 'chunkId HMAC-SHA-256', value: mibPerCpuSecond(64, () => key.chunkId(chunk), MiB), unit: 'MiB/cpu-s' });
}
