import { AppError } from '#shared/core/errors';

/**
 * Checks an OLE2 compound file (an Outlook .msg) before the message reader sees it, as zip-guard.ts
 * does for zips. The reader trusts the file's own tables: a damaged .msg whose sector chain loops
 * or whose directory claims a stream of gigabytes made it build an array until the process died
 * (V8 "invalid size error", 1.7 GB, in the trial). Here every table is followed with bounds:
 * the header's fields are the ones the format allows; the FAT sectors (and the DIFAT chain that
 * lists them) are inside the file; every chain used — the directory's, the mini FAT's, the mini
 * stream's, each stream's — ends, without loops, inside the file; every stream's size fits the
 * sectors its chain has. [MS-CFB] sections 2.2 to 2.6.
 */
const END = 0xfffffffe;
const FREE = 0xffffffff;
const MAX_REGULAR = 0xfffffffa;

function damaged(fileName: string, why: string): AppError {
  return new AppError(
    'bad-file',
    `${fileName} is damaged: it could not be read as an Outlook message (${why}). Save the message again from ` +
      `Outlook and import that.`,
    { reason: 'damaged' },
  );
}

export function checkCompoundFile(bytes: Uint8Array, fileName: string): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 512) throw damaged(fileName, 'it is shorter than its header');
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);
  const major = u16(0x1a);
  const shift = u16(0x1e);
  if (u16(0x1c) !== 0xfffe) throw damaged(fileName, 'its byte order mark is wrong');
  if (!((major === 3 && shift === 9) || (major === 4 && shift === 12)))
    throw damaged(fileName, 'its version or sector size is not one the format has');
  if (u16(0x20) !== 6) throw damaged(fileName, 'its mini sector size is wrong');
  if (u32(0x38) !== 4096) throw damaged(fileName, 'its mini stream cut-off is wrong');
  const size = 1 << shift;
  const sectors = Math.floor((bytes.length - size) / size) + ((bytes.length - size) % size ? 1 : 0);
  if (sectors <= 0) throw damaged(fileName, 'it has no sectors');
  const at = (s: number) => size + s * size;
  // the last sector may be short
  const inFile = (s: number) => s < sectors && at(s) + size <= bytes.length + (size - 1);
  const fatCount = u32(0x2c);
  const perSector = size / 4;
  if (fatCount === 0 || fatCount > sectors || fatCount * perSector < sectors)
    throw damaged(fileName, 'its table of sectors is the wrong size');

  // The FAT's own sectors: the first 109 in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(u32(0x4c + i * 4));
  let difat = u32(0x44);
  const difatCount = u32(0x48);
  const seenDifat = new Set<number>();
  for (let n = 0; n < difatCount && fatSectors.length < fatCount; n++) {
    if (!inFile(difat) || seenDifat.has(difat)) throw damaged(fileName, 'its list of sector tables is broken');
    seenDifat.add(difat);
    for (let i = 0; i < perSector - 1 && fatSectors.length < fatCount; i++) fatSectors.push(u32(at(difat) + i * 4));
    difat = u32(at(difat) + (perSector - 1) * 4);
  }
  if (fatSectors.length < fatCount || fatSectors.some((s) => !inFile(s)))
    throw damaged(fileName, 'its table of sectors points outside the file');
  const fat = new Uint32Array(fatCount * perSector);
  fatSectors.forEach((s, i) => {
    const start = at(s);
    for (let k = 0; k < perSector && start + k * 4 + 4 <= bytes.length; k++)
      fat[i * perSector + k] = u32(start + k * 4);
  });

  /** The sectors of a chain, followed with bounds; throws on a loop or a step outside the file. */
  const chain = (first: number, table: Uint32Array, limit: number, what: string): number => {
    let length = 0;
    const seen = new Set<number>();
    for (let s = first; s !== END; s = table[s]!) {
      if (s > MAX_REGULAR || s >= limit || seen.has(s))
        throw damaged(fileName, `the chain of ${what} ${seen.has(s) ? 'loops' : 'leaves the file'}`);
      seen.add(s);
      length++;
    }
    return length;
  };

  const dirSectors = chain(u32(0x30), fat, sectors, 'its directory');
  if (dirSectors === 0) throw damaged(fileName, 'it has no directory');
  // The mini FAT (small streams' sectors) and the mini stream that holds them.
  const miniFatFirst = u32(0x3c);
  const miniFatSectors =
    miniFatFirst === END || miniFatFirst === FREE ? 0 : chain(miniFatFirst, fat, sectors, "the small streams' table");
  if (miniFatSectors !== u32(0x40) && u32(0x40) !== 0)
    throw damaged(fileName, 'its table of small streams is the wrong size');
  const miniFat = new Uint32Array(miniFatSectors * perSector);
  for (let s = miniFatFirst, i = 0; i < miniFatSectors; s = fat[s]!, i++) {
    for (let k = 0; k < perSector && at(s) + k * 4 + 4 <= bytes.length; k++)
      miniFat[i * perSector + k] = u32(at(s) + k * 4);
  }

  // Every directory entry's stream fits its chain.
  let rootMini = 0;
  for (let s = u32(0x30), d = 0; d < dirSectors; s = fat[s]!, d++) {
    for (let e = 0; e < size / 128; e++) {
      const o = at(s) + e * 128;
      if (o + 128 > bytes.length) break;
      const type = bytes[o + 0x42]!;
      if (type === 0) continue;
      if (type !== 1 && type !== 2 && type !== 5)
        throw damaged(fileName, 'its directory has an entry of no known kind');
      if (u16(o + 0x40) > 64) throw damaged(fileName, 'its directory has a name longer than allowed');
      if (type === 1) continue; // a storage: no stream of its own
      const first = u32(o + 0x74);
      const bytesLong = u32(o + 0x78) + (major === 4 ? u32(o + 0x7c) * 2 ** 32 : 0);
      if (bytesLong > bytes.length * 64) throw damaged(fileName, 'a stream claims to be far larger than the file');
      if (type === 5) {
        rootMini = bytesLong;
        if (bytesLong > 0 && chain(first, fat, sectors, 'the small streams') * size < bytesLong)
          throw damaged(fileName, 'the small streams are cut short');
        continue;
      }
      if (bytesLong === 0) continue;
      if (bytesLong < 4096) {
        if (chain(first, miniFat, Math.ceil(rootMini / 64) || miniFat.length, 'a small stream') * 64 < bytesLong)
          throw damaged(fileName, 'a small stream is cut short');
      } else if (chain(first, fat, sectors, 'a stream') * size < bytesLong)
        throw damaged(fileName, 'a stream is cut short');
    }
  }
}
