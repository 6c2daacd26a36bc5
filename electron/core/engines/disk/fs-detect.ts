// Filesystem detection by superblock magic, for the image metadata (informational: restore never depends on it).

/** How many leading bytes detection needs (btrfs's superblock sits at 64 KiB). */
export const DETECT_BYTES = 0x10000 + 4096;

const at = (b: Buffer, off: number, s: string) => b.length >= off + s.length && b.toString('latin1', off, off + s.length) === s;

function ext(b: Buffer): string | null {
  // ext2/3/4 superblock at 1024; s_magic at +0x38
  if (b.length < 1024 + 0x68 || b.readUInt16LE(1024 + 0x38) !== 0xef53) return null;
  const compat = b.readUInt32LE(1024 + 0x5c);
  const incompat = b.readUInt32LE(1024 + 0x60);
  const roCompat = b.readUInt32LE(1024 + 0x64);
  // what blkid calls ext4: any feature ext3 does not know (extents, 64bit, flex_bg, huge_file, dir_nlink, extra_isize, …)
  const EXT3_INCOMPAT = 0x0002 | 0x0004 | 0x0010; // filetype, recover, meta_bg
  const EXT3_RO_COMPAT = 0x0001 | 0x0002 | 0x0004; // sparse_super, large_file, btree_dir
  if (incompat & ~EXT3_INCOMPAT || roCompat & ~EXT3_RO_COMPAT) return 'ext4';
  return compat & 0x0004 ? 'ext3' : 'ext2'; // has_journal
}

function vfat(b: Buffer): boolean {
  if (b.length < 512 || b.readUInt16LE(510) !== 0xaa55) return false;
  return at(b, 0x52, 'FAT32   ') || at(b, 0x36, 'FAT12   ') || at(b, 0x36, 'FAT16   ') || at(b, 0x36, 'FAT     ');
}

/** Reads the first DETECT_BYTES (or fewer) of an image: returns ext2/ext3/ext4/xfs/btrfs/vfat/ntfs/swap or 'unknown'. */
export function detectFilesystem(head: Buffer): string {
  const e = ext(head);
  if (e) return e;
  if (at(head, 0, 'XFSB')) return 'xfs';
  if (at(head, 0x10040, '_BHRfS_M')) return 'btrfs';
  if (at(head, 3, 'NTFS    ')) return 'ntfs';
  if (vfat(head)) return 'vfat';
  // swap's signature ends the first page; page sizes 4 KiB … 64 KiB
  for (const page of [4096, 8192, 16384, 65536]) {
    if (at(head, page - 10, 'SWAPSPACE2') || at(head, page - 10, 'SWAP-SPACE')) return 'swap';
  }
  return 'unknown';
}
