import zlib from 'node:zlib';

/**
 * A reader of ZIP archives (OOXML files are ZIPs) that trusts nothing: the central directory is read without
 * inflating anything, the declared sizes are checked against the limits, and when an entry is inflated the
 * output is capped at its declared size, so a file that lies about its sizes is caught, not obeyed.
 */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  flags: number;
}

export interface ZipLimits {
  zipInflatedBytes: number;
  zipRatio: number;
  zipEntries: number;
}

export class ZipError extends Error {
  constructor(
    readonly reason: 'not-zip' | 'too-large' | 'ratio' | 'entries' | 'unsupported' | 'corrupt',
    message: string,
  ) {
    super(message);
  }
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

/** Reads the central directory. Throws ZipError when the buffer is not a well-formed, plain ZIP. */
export function readCentralDirectory(buf: Buffer, limits: ZipLimits): ZipEntry[] {
  // The end-of-central-directory record lies in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('not-zip', 'not a ZIP archive');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new ZipError('unsupported', 'ZIP64 archives are not accepted');
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) throw new ZipError('unsupported', 'multi-disk archives are not accepted');
  if (count > limits.zipEntries) throw new ZipError('entries', `too many entries (${count})`);
  if (cdOffset + cdSize > eocd) throw new ZipError('corrupt', 'central directory out of bounds');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  let inflated = 0;
  let stored = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CEN) throw new ZipError('corrupt', 'bad central directory entry');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localHeaderOffset === 0xffffffff) {
      throw new ZipError('unsupported', 'ZIP64 entries are not accepted');
    }
    if (flags & 0x1) throw new ZipError('unsupported', 'encrypted entries are not accepted');
    if (method !== 0 && method !== 8) throw new ZipError('unsupported', `compression method ${method} is not accepted`);
    if (localHeaderOffset + 30 + compressedSize > buf.length) throw new ZipError('corrupt', 'entry out of bounds');
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.push({ name, method, compressedSize, size, localHeaderOffset, flags });
    inflated += size;
    stored += compressedSize;
    if (inflated > limits.zipInflatedBytes) throw new ZipError('too-large', 'entries inflate beyond the limit');
    p += 46 + nameLen + extraLen + commentLen;
  }
  // Ordinary documents compress 2–10 times; text-heavy XML rarely beyond 30. Tiny archives are exempt.
  if (inflated > 1024 * 1024 && inflated > limits.zipRatio * Math.max(stored, 1)) throw new ZipError('ratio', 'compression ratio is implausible');
  return entries;
}

function dataOffset(buf: Buffer, e: ZipEntry): number {
  const p = e.localHeaderOffset;
  if (buf.readUInt32LE(p) !== LOC) throw new ZipError('corrupt', 'bad local header');
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (start + e.compressedSize > buf.length) throw new ZipError('corrupt', 'entry out of bounds');
  return start;
}

/** Inflates one entry; more output than the declared size is a lie and refused without going further. */
export function readEntry(buf: Buffer, e: ZipEntry): Buffer {
  const start = dataOffset(buf, e);
  const raw = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw new ZipError('corrupt', 'stored entry size mismatch');
    return Buffer.from(raw);
  }
  try {
    // maxOutputLength must be ≥ 1; a declared empty entry may inflate to at most one byte, checked below.
    const out = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(e.size, 1) });
    if (out.length !== e.size) throw new ZipError('corrupt', 'entry size mismatch');
    return out;
  } catch (err) {
    if (err instanceof ZipError) throw err;
    if (err instanceof RangeError) throw new ZipError('too-large', 'entry inflates beyond its declared size');
    throw new ZipError('corrupt', 'entry cannot be inflated');
  }
}

/**
 * Inflates every entry once, streaming and discarding the output, to prove the declared sizes true before a
 * library (mammoth, through jszip) inflates the archive in memory.
 */
export async function verifyEntries(buf: Buffer, entries: ZipEntry[]): Promise<void> {
  for (const e of entries) {
    if (e.method === 0) {
      if (e.compressedSize !== e.size) throw new ZipError('corrupt', 'stored entry size mismatch');
      continue;
    }
    const start = dataOffset(buf, e);
    await new Promise<void>((resolve, reject) => {
      const inflate = zlib.createInflateRaw();
      let seen = 0;
      inflate.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > e.size) {
          inflate.destroy();
          reject(new ZipError('too-large', 'entry inflates beyond its declared size'));
        }
      });
      inflate.on('error', () => reject(new ZipError('corrupt', 'entry cannot be inflated')));
      inflate.on('end', () => (seen === e.size ? resolve() : reject(new ZipError('corrupt', 'entry size mismatch'))));
      inflate.end(buf.subarray(start, start + e.compressedSize));
    });
  }
}

/** An archive read once: its entries by name and a bounded reader. */
export class ZipArchive {
  readonly entries: Map<string, ZipEntry>;
  constructor(
    readonly buf: Buffer,
    limits: ZipLimits,
  ) {
    this.entries = new Map(readCentralDirectory(buf, limits).map((e) => [e.name, e]));
  }
  has(name: string): boolean {
    return this.entries.has(name);
  }
  read(name: string): Buffer | null {
    const e = this.entries.get(name);
    return e ? readEntry(this.buf, e) : null;
  }
  names(): string[] {
    return [...this.entries.keys()];
  }
  verify(): Promise<void> {
    return verifyEntries(this.buf, [...this.entries.values()]);
  }
}
