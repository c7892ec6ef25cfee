/**
 * Just enough of the ZIP format to take a few files out of a large remote archive without
 * downloading it: the end-of-central-directory record (ZIP64 too), the central directory's
 * entries, and where an entry's data starts behind its local header. Pure: bytes in, offsets
 * and names out; the caller fetches the byte ranges.
 */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header in the archive. */
  localHeader: number;
}

export class ZipFormatError extends Error {}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The EOCD record is 22 bytes plus a comment of at most 65,535. */
export const TAIL_BYTES = 22 + 65_535 + 20;

const u64 = (buf: Buffer, at: number): number => {
  const value = buf.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('a ZIP64 size beyond 2^53 bytes');
  return Number(value);
};

/** Where the central directory is, from the archive's last bytes (`tail`, which starts at `tailStart`). */
export function centralDirectory(tail: Buffer, tailStart: number): { offset: number; size: number; entries: number } {
  for (let at = tail.length - 22; at >= 0; at--) {
    if (tail.readUInt32LE(at) !== EOCD) continue;
    let entries = tail.readUInt16LE(at + 10);
    let size = tail.readUInt32LE(at + 12);
    let offset = tail.readUInt32LE(at + 16);
    if (offset === 0xffffffff || size === 0xffffffff || entries === 0xffff) {
      const locator = at - 20;
      if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR) throw new ZipFormatError('a ZIP64 archive without its locator');
      const record = u64(tail, locator + 8) - tailStart;
      if (record < 0 || tail.readUInt32LE(record) !== ZIP64_EOCD) throw new ZipFormatError('the ZIP64 end record is not where its locator says');
      entries = u64(tail, record + 32);
      size = u64(tail, record + 40);
      offset = u64(tail, record + 48);
    }
    return { offset, size, entries };
  }
  throw new ZipFormatError('no end-of-central-directory record: not a ZIP archive');
}

/** The entries of a central directory. */
export function zipEntries(directory: Buffer): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  while (at + 46 <= directory.length && directory.readUInt32LE(at) === CENTRAL) {
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    let compressedSize = directory.readUInt32LE(at + 20);
    let size = directory.readUInt32LE(at + 24);
    let localHeader = directory.readUInt32LE(at + 42);
    const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
    // ZIP64: the sizes and offset that overflow 32 bits are in extra field 0x0001, in this order.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = directory.readUInt16LE(extra);
      const length = directory.readUInt16LE(extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        if (size === 0xffffffff) (size = u64(directory, field)), (field += 8);
        if (compressedSize === 0xffffffff) (compressedSize = u64(directory, field)), (field += 8);
        if (localHeader === 0xffffffff) localHeader = u64(directory, field);
      }
      extra += 4 + length;
    }
    entries.push({ name, method: directory.readUInt16LE(at + 10), crc32: directory.readUInt32LE(at + 16), compressedSize, size, localHeader });
    at = extraEnd + commentLength;
  }
  return entries;
}

/** Bytes from an entry's local header to its data (the header's own name and extra lengths). */
export function dataOffset(localHeader: Buffer): number {
  if (localHeader.length < 30 || localHeader.readUInt32LE(0) !== LOCAL) throw new ZipFormatError('no local file header where the directory points');
  return 30 + localHeader.readUInt16LE(26) + localHeader.readUInt16LE(28);
}
