import { describe, expect, it } from 'vitest';
import { detectFilesystem, DETECT_BYTES } from '../../../electron/core/engines/disk/fs-detect.js';

const blank = () => Buffer.alloc(DETECT_BYTES);

function extSb(compat: number, incompat: number, roCompat: number): Buffer {
  const b = blank();
  b.writeUInt16LE(0xef53, 1024 + 0x38);
  b.writeUInt32LE(compat, 1024 + 0x5c);
  b.writeUInt32LE(incompat, 1024 + 0x60);
  b.writeUInt32LE(roCompat, 1024 + 0x64);
  return b;
}

describe('filesystem detection by superblock', () => {
  it('ext2, ext3 (journal), ext4 (extents / flex_bg / metadata_csum)', () => {
    expect(detectFilesystem(extSb(0x38, 0x2, 0x3))).toBe('ext2');
    expect(detectFilesystem(extSb(0x3c, 0x2, 0x3))).toBe('ext3');
    expect(detectFilesystem(extSb(0x3c, 0x2c2, 0x46b))).toBe('ext4');
    expect(detectFilesystem(extSb(0x3c, 0x2, 0x400))).toBe('ext4');
  });
  it('xfs, btrfs, ntfs, vfat, swap', () => {
    const x = blank();
    x.write('XFSB', 0);
    expect(detectFilesystem(x)).toBe('xfs');
    const b = blank();
    b.write('_BHRfS_M', 0x10040);
    expect(detectFilesystem(b)).toBe('btrfs');
    const n = blank();
    n.write('NTFS    ', 3);
    n.writeUInt16LE(0xaa55, 510);
    expect(detectFilesystem(n)).toBe('ntfs');
    const f = blank();
    f.write('FAT32   ', 0x52);
    f.writeUInt16LE(0xaa55, 510);
    expect(detectFilesystem(f)).toBe('vfat');
    const s = blank();
    s.write('SWAPSPACE2', 4096 - 10);
    expect(detectFilesystem(s)).toBe('swap');
  });
  it('unknown: zeros, random, short input, a FAT label without the boot signature', () => {
    expect(detectFilesystem(blank())).toBe('unknown');
    expect(detectFilesystem(Buffer.alloc(100))).toBe('unknown');
    const f = blank();
    f.write('FAT16   ', 0x36);
    expect(detectFilesystem(f)).toBe('unknown');
  });
});
