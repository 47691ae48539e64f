import { crc32, inflateRawSync } from 'node:zlib';
import { AppError } from '#shared/core/errors';
import { formatBytes, type ImportLimits } from './limits';

/**
 * Checks an .xlsx/.ods (a zip) before any spreadsheet parser sees it:
 * 1. the central directory must be there and whole (a cut-off download fails here, clearly);
 * 2. the parts' declared uncompressed sizes must add up to less than the limit, with no part
 *    compressed suspiciously well (a zip bomb declares its size honestly more often than not);
 * 3. each part is then inflated with Node's zlib capped at its declared size, so a bomb that lies
 *    about its size is stopped after that many bytes instead of filling memory.
 * Returns the part names, so the caller can tell a workbook from a Word document or any zip.
 */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  crc: number;
  flags: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function damaged(fileName: string, why: string): AppError {
  return new AppError(
    'bad-file',
    `${fileName} is damaged or incomplete (${why}). If it was downloaded or emailed, get a fresh copy.`,
    { reason: 'damaged' },
  );
}

export function checkZip(bytes: Uint8Array, fileName: string, limits: ImportLimits): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.length;
  let eocd = -1;
  for (let i = len - 22; i >= Math.max(0, len - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged(fileName, 'its table of contents is missing');
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || view.getUint32(loc, true) !== EOCD64_LOCATOR)
      throw damaged(fileName, 'its large-file table of contents is missing');
    const at = Number(view.getBigUint64(loc + 8, true));
    if (at + 56 > len || view.getUint32(at, true) !== EOCD64)
      throw damaged(fileName, 'its large-file table of contents is missing');
    count = Number(view.getBigUint64(at + 32, true));
    cdSize = Number(view.getBigUint64(at + 40, true));
    cdOffset = Number(view.getBigUint64(at + 48, true));
  }
  if (cdOffset + cdSize > len) throw damaged(fileName, 'it ends before its table of contents');
  if (count > limits.maxZipEntries)
    throw new AppError(
      'bad-file',
      `${fileName} has ${count} parts inside; a spreadsheet has far fewer. It was not opened.`,
      { reason: 'zip-bomb' },
    );

  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > len || view.getUint32(p, true) !== CENTRAL) throw damaged(fileName, 'its table of contents is broken');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let uncompressedSize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLen + extraLen > len) throw damaged(fileName, 'its table of contents is broken');
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    // ZIP64 sizes live in an extra field when the 32-bit ones are 0xFFFFFFFF.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = view.getUint16(e, true);
      const size = view.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff && q + 8 <= e + 4 + size) {
          uncompressedSize = Number(view.getBigUint64(q, true));
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + size) {
          compressedSize = Number(view.getBigUint64(q, true));
          q += 8;
        }
        if (localOffset === 0xffffffff && q + 8 <= e + 4 + size) localOffset = Number(view.getBigUint64(q, true));
      }
      e += 4 + size;
    }
    total += uncompressedSize;
    if (total > limits.maxUncompressedBytes)
      throw new AppError(
        'bad-file',
        `${fileName} would unpack to more than ${formatBytes(limits.maxUncompressedBytes)}. It was not opened: ` +
          `it may be a "zip bomb", or far larger than any survey export.`,
        { reason: 'zip-bomb' },
      );
    if (uncompressedSize > 10 * 1024 * 1024 && uncompressedSize > compressedSize * limits.maxCompressionRatio)
      throw new AppError(
        'bad-file',
        `${fileName} contains a part that unpacks ${Math.round(uncompressedSize / Math.max(1, compressedSize))} ` +
          `times larger than it is stored. It was not opened: it looks like a "zip bomb".`,
        { reason: 'zip-bomb' },
      );
    entries.push({ name, method, compressedSize, uncompressedSize, localOffset, crc, flags });
    p += 46 + nameLen + extraLen + commentLen;
  }

  // Parts never share bytes in a real file. A bomb can list one well-compressed stream many times,
  // each entry under the size limits, together far over them: refused before anything unpacks.
  const spans = entries
    .map((en) => ({ en, start: en.localOffset, end: dataStart(bytes, view, en, fileName) + en.compressedSize }))
    .sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]!.start < spans[i - 1]!.end)
      throw new AppError(
        'bad-file',
        `${fileName} lists parts (${spans[i - 1]!.en.name}, ${spans[i]!.en.name}) that share the same stored ` +
          `bytes, as a "zip bomb" does to unpack one part many times. It was not opened.`,
        {
          reason: 'zip-bomb',
        },
      );
  }
  for (const en of entries) verifyEntry(bytes, view, en, fileName);
  return entries;
}

/**
 * Where a part's stored bytes begin, after its local header; its header and sizes checked against the table of
 * contents.
 */
function dataStart(bytes: Uint8Array, view: DataView, en: ZipEntry, fileName: string): number {
  const p = en.localOffset;
  if (p + 30 > bytes.length || view.getUint32(p, true) !== LOCAL)
    throw damaged(fileName, `the part ${en.name} is missing`);
  // Without a data descriptor (flag bit 3) the local header repeats the sizes and checksum: a
  // difference is damage (a changed byte in one of them), not something to unpack and find out.
  if ((en.flags & 8) === 0) {
    const lc = view.getUint32(p + 14, true);
    const lcs = view.getUint32(p + 18, true);
    const lus = view.getUint32(p + 22, true);
    const sizesAgree =
      (lcs === 0xffffffff || lcs === en.compressedSize) && (lus === 0xffffffff || lus === en.uncompressedSize);
    if (lc !== en.crc || !sizesAgree) throw damaged(fileName, `the part ${en.name} is described two different ways`);
  }
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  if (start + en.compressedSize > bytes.length) throw damaged(fileName, `the part ${en.name} is cut off`);
  return start;
}

const tooLarge = (e: unknown): boolean =>
  e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';

/** How far past its declared size a part is unpacked to tell damage (it stops soon) from a bomb (it does not). */
const OVERRUN_PROBE = 64 * 1024 * 1024;

/**
 * Inflates one part with output capped at its declared size, and checks its CRC-32: the lie of a
 * lying bomb, and a changed byte, are both caught here. A part that unpacks past its declared size
 * is unpacked once more, a little further (at most 64 MB): a damaged stream soon ends or breaks,
 * a bomb keeps going. So damage is called damage, and only a real bomb is called one.
 */
function verifyEntry(bytes: Uint8Array, view: DataView, en: ZipEntry, fileName: string): void {
  const start = dataStart(bytes, view, en, fileName);
  const data = bytes.subarray(start, start + en.compressedSize);
  if (en.method === 0) {
    if (en.compressedSize !== en.uncompressedSize) throw damaged(fileName, `the part ${en.name} has the wrong size`);
    if (crc32(data) >>> 0 !== en.crc) throw damaged(fileName, `the part ${en.name} does not match its checksum`);
    return;
  }
  if (en.method !== 8)
    throw new AppError(
      'bad-file',
      `${fileName} uses a kind of compression spreadsheets do not use (method ${en.method}).`,
      { reason: 'not-a-spreadsheet' },
    );
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, en.uncompressedSize) + 1 });
  } catch (e) {
    if (!tooLarge(e)) throw damaged(fileName, `the part ${en.name} cannot be unpacked`);
    try {
      inflateRawSync(data, { maxOutputLength: Math.min(OVERRUN_PROBE, en.uncompressedSize * 4 + 1024 * 1024) });
    } catch (e2) {
      if (tooLarge(e2))
        throw new AppError(
          'bad-file',
          `${fileName} contains a part (${en.name}) that unpacks to far more than it declares. It was not ` +
            `opened: it looks like a "zip bomb".`,
          { reason: 'zip-bomb' },
        );
    }
    throw damaged(fileName, `the part ${en.name} unpacks to a different size than it should`);
  }
  if (out.length !== en.uncompressedSize) throw damaged(fileName, `the part ${en.name} is shorter than it should be`);
  if (crc32(out) >>> 0 !== en.crc) throw damaged(fileName, `the part ${en.name} does not match its checksum`);
}

/** A part's bytes, uncompressed (used to read an ODS mimetype). */
export function zipEntryText(bytes: Uint8Array, en: ZipEntry, max = 4096): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const p = en.localOffset;
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const data = bytes.subarray(start, start + en.compressedSize);
  const raw = en.method === 0 ? data : inflateRawSync(data, { maxOutputLength: Math.max(1, en.uncompressedSize) + 1 });
  return new TextDecoder().decode(raw.subarray(0, max));
}
