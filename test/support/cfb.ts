/**
 * A minimal Compound File Binary (OLE2, [MS-CFB] version 3) writer for tests:
 * what Excel saves when a workbook is encrypted with a password is such a
 * container holding the streams "EncryptionInfo" and "EncryptedPackage" instead
 * of a zip. Each stream here is at least 4,096 bytes, so it lives in ordinary
 * 512-byte sectors (no mini stream); one FAT sector and one directory sector.
 */
const SECTOR = 512;
const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;

export function compoundFile(streams: { name: string; data: Buffer }[]): Buffer {
  if (streams.length > 3) throw new Error("one directory sector holds the root and three streams");
  const padded = streams.map((s) => {
    const size = Math.max(4096, Math.ceil(s.data.length / SECTOR) * SECTOR);
    const data = Buffer.alloc(size);
    s.data.copy(data);
    return { name: s.name, data, length: Math.max(4096, s.data.length) };
  });
  // Sector 0: the FAT; sector 1: the directory; then each stream's sectors in turn.
  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(FATSECT, 0);
  fat.writeUInt32LE(ENDOFCHAIN, 4);
  let next = 2;
  const starts: number[] = [];
  for (const s of padded) {
    starts.push(next);
    const count = s.data.length / SECTOR;
    for (let i = 0; i < count; i++) fat.writeUInt32LE(i === count - 1 ? ENDOFCHAIN : next + i + 1, (next + i) * 4);
    next += count;
  }
  if (next > SECTOR / 4) throw new Error("the streams do not fit one FAT sector");

  const header = Buffer.alloc(SECTOR, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3: 512-byte sectors
  header.writeUInt16LE(0xfffe, 28); // byte order: little-endian
  header.writeUInt16LE(9, 30); // sector shift: 2^9 = 512
  header.writeUInt16LE(6, 32); // mini sector shift: 64
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(4096, 56); // mini stream cutoff
  header.writeUInt32LE(ENDOFCHAIN, 60); // no mini FAT
  header.writeUInt32LE(0, 64);
  header.writeUInt32LE(ENDOFCHAIN, 68); // no DIFAT sectors
  header.writeUInt32LE(0, 72);
  header.writeUInt32LE(0, 76); // DIFAT[0]: the FAT is sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(FREESECT, 76 + i * 4);

  const dir = Buffer.alloc(SECTOR, 0);
  const entry = (i: number, name: string, type: number, child: number, right: number, start: number, size: number) => {
    const at = i * 128;
    const utf16 = Buffer.from(`${name}\0`, "utf16le");
    utf16.copy(dir, at);
    dir.writeUInt16LE(utf16.length, at + 64);
    dir.writeUInt8(type, at + 66); // 5 root storage, 2 stream
    dir.writeUInt8(1, at + 67); // black
    dir.writeUInt32LE(NOSTREAM, at + 68); // left sibling
    dir.writeUInt32LE(right, at + 72);
    dir.writeUInt32LE(child, at + 76);
    dir.writeUInt32LE(start, at + 116);
    dir.writeUInt32LE(size, at + 120);
  };
  entry(0, "Root Entry", 5, streams.length ? 1 : NOSTREAM, NOSTREAM, ENDOFCHAIN, 0);
  padded.forEach((s, i) => entry(i + 1, s.name, 2, NOSTREAM, i + 1 < padded.length ? i + 2 : NOSTREAM, starts[i], s.length));
  return Buffer.concat([header, fat, dir, ...padded.map((s) => s.data)]);
}

/** What Excel writes for a workbook saved with a password (Agile encryption): the container and its two streams. */
export function encryptedWorkbook(): Buffer {
  // EncryptionInfo: version 4.4 (Agile), flags 0x40, then the XML descriptor.
  const xml = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>',
  );
  const info = Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), xml]);
  // EncryptedPackage: the package's size (8 bytes), then what would be AES ciphertext.
  const pkg = Buffer.alloc(4104, 0x5a);
  pkg.writeBigUInt64LE(4096n, 0);
  return compoundFile([
    { name: "EncryptionInfo", data: info },
    { name: "EncryptedPackage", data: pkg },
  ]);
}
