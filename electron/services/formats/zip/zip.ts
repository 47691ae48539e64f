import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * A small ZIP reader and a deterministic ZIP writer for OOXML packages (.docx, .xlsx).
 *
 * Why our own: docx and exceljs stamp every entry with the wall clock, and we need the same
 * draft and clock to give byte-identical files; we also read returned forms, which Word, Excel
 * and LibreOffice write. Plain DEFLATE or stored entries only, no ZIP64, no encryption: OOXML
 * packages are never that exotic, and anything else is refused as a bad file by the caller.
 */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

export class ZipError extends Error {}

/** Every file entry of a ZIP archive, by name (folders left out). */
export function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);
  if (bytes.length < 22) throw new ZipError('The file is too short to be a ZIP package.');
  let end = -1;
  // The end record is within the last 64 KiB (its comment is at most 65,535 bytes).
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (u32(i) === END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError('The file is not a ZIP package (no end of central directory).');
  const count = u16(end + 10);
  let p = u32(end + 16);
  const out = new Map<string, Uint8Array>();
  const decoder = new TextDecoder('utf-8');
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || u32(p) !== CENTRAL) throw new ZipError('The ZIP central directory is damaged.');
    const method = u16(p + 10);
    const compressedSize = u32(p + 20);
    const size = u32(p + 24);
    const nameLen = u16(p + 28);
    const extraLen = u16(p + 30);
    const commentLen = u16(p + 32);
    const localOffset = u32(p + 42);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    if (localOffset + 30 > bytes.length || u32(localOffset) !== LOCAL)
      throw new ZipError(`The ZIP entry ${name} is damaged.`);
    const start = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28);
    const raw = bytes.subarray(start, start + compressedSize);
    if (raw.length !== compressedSize) throw new ZipError(`The ZIP entry ${name} is cut short.`);
    let data: Uint8Array;
    if (method === 0) data = raw;
    else if (method === 8) data = new Uint8Array(inflateRawSync(raw));
    else throw new ZipError(`The ZIP entry ${name} uses compression method ${method}, which is not supported.`);
    if (data.length !== size) throw new ZipError(`The ZIP entry ${name} has the wrong size.`);
    out.set(name, data);
  }
  return out;
}

/** DOS date and time fields of an instant, read in UTC so the bytes do not depend on the machine's time zone. */
function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.min(2107, Math.max(1980, d.getUTCFullYear()));
  return {
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

/**
 * A ZIP archive of the entries in the order given, each stamped with `mtime`, compressed with
 * DEFLATE at a fixed level: the same entries and time always give the same bytes.
 */
export function writeZip(entries: ZipEntry[], mtime: Date): Uint8Array {
  const { date, time } = dosDateTime(mtime);
  const encoder = new TextEncoder();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(encoder.encode(e.name));
    const data = Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength);
    const deflated = deflateRawSync(data, { level: 6 });
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}
