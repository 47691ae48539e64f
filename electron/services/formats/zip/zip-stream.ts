import { promisify } from 'node:util';
import { constants, crc32, deflateRaw, deflateRawSync } from 'node:zlib';
import type { ByteSink } from './byte-sink';

/**
 * A ZIP writer that streams: entries go to the sink as they are produced, so a worksheet of
 * 100,000 rows is never held in memory, and the same entries and clock give the same bytes.
 *
 * A streamed entry is compressed in pieces: each piece of about 1 MB is deflated on its own and
 * ended with a sync flush (so it ends on a byte boundary and is not the last block), and an empty
 * final block closes the entry. The pieces join into one valid DEFLATE stream that any unzip reads
 * (and compress almost as well as one continuous stream at this piece size). Sizes and CRC go in a
 * data descriptor after the data and in the central directory. No ZIP64: an entry or archive over
 * 4 GiB is refused.
 */
const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DESCRIPTOR = 0x08074b50;
const PIECE = 1 << 20;
/**
 * Compression level of streamed entries: level 1 deflates worksheet XML (very repetitive) several
 * times faster than level 6, for files only about 15% larger; large workbooks spend most of their
 * time compressing.
 */
const STREAM_LEVEL = 1;
const MAX32 = 0xffffffff;
/** Deflate on libuv's thread pool: the next piece is made while this one is compressed. */
const deflateRawAsync = promisify(deflateRaw);
/** Pieces being compressed at once: two keep both cores of a small laptop busy. */
const IN_FLIGHT = 2;
/** An empty final DEFLATE block (BFINAL=1, fixed Huffman, end of block). */
const FINAL_BLOCK = new Uint8Array([0x03, 0x00]);

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
  descriptor: boolean;
}

export class ZipError extends Error {}

function dos(d: Date): { date: number; time: number } {
  const year = Math.min(2107, Math.max(1980, d.getUTCFullYear()));
  return {
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

export class ZipStreamWriter {
  private readonly entries: Written[] = [];
  private offset = 0;
  private open = false;
  private readonly stamp: { date: number; time: number };

  constructor(
    private readonly sink: ByteSink,
    mtime: Date,
  ) {
    this.stamp = dos(mtime);
  }

  private header(name: Buffer, flags: number, crc: number, compressed: number, size: number): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(LOCAL, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(flags, 6);
    h.writeUInt16LE(8, 8);
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(compressed, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(name.length, 26);
    return h;
  }

  private async emit(b: Uint8Array): Promise<void> {
    this.offset += b.length;
    if (this.offset > MAX32)
      throw new ZipError('The file would be larger than 4 GiB, which this writer does not support.');
    await this.sink.write(b);
  }

  /** A whole entry at once (small parts). */
  async add(name: string, content: string | Uint8Array): Promise<void> {
    if (this.open) throw new ZipError('An entry is still being written');
    const data =
      typeof content === 'string'
        ? Buffer.from(content, 'utf8')
        : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    const body = deflateRawSync(data, { level: 6 });
    const n = Buffer.from(name, 'utf8');
    const crc = crc32(data) >>> 0;
    this.entries.push({
      name: n,
      crc,
      compressed: body.length,
      size: data.length,
      offset: this.offset,
      descriptor: false,
    });
    await this.emit(this.header(n, 0x0800, crc, body.length, data.length));
    await this.emit(n);
    await this.emit(body);
  }

  /** An entry written piece by piece; close it before starting another. */
  async begin(name: string): Promise<EntryWriter> {
    if (this.open) throw new ZipError('An entry is still being written');
    this.open = true;
    const n = Buffer.from(name, 'utf8');
    const entry: Written = { name: n, crc: 0, compressed: 0, size: 0, offset: this.offset, descriptor: true };
    await this.emit(this.header(n, 0x0808, 0, 0, 0));
    await this.emit(n);
    // Pieces are compressed off this thread, up to IN_FLIGHT at once, while the caller fills the next
    // buffer (EntryWriter keeps IN_FLIGHT + 1). Each piece is written once it and every piece before
    // it are written, so they reach the file in order; before a piece is handed over, all but the
    // newest IN_FLIGHT - 1 are written, so a buffer is never refilled while it is being read.
    let tail: Promise<void> = Promise.resolve();
    const inFlight: Promise<void>[] = [];
    return new EntryWriter(async (piece, last) => {
      while (inFlight.length >= IN_FLIGHT) await inFlight.shift();
      if (piece.length) {
        entry.crc = crc32(piece, entry.crc) >>> 0;
        entry.size += piece.length;
        if (entry.size > MAX32) throw new ZipError(`The part ${name} would be larger than 4 GiB.`);
        const compressed = deflateRawAsync(piece, { level: STREAM_LEVEL, finishFlush: constants.Z_SYNC_FLUSH });
        const before = tail;
        tail = (async () => {
          const z = await compressed;
          await before;
          entry.compressed += z.length;
          await this.emit(z);
        })();
        // Handled where it is awaited; this only keeps an early failure from being reported as unhandled.
        tail.catch(() => undefined);
        inFlight.push(tail);
      }
      if (last) {
        await tail;
        entry.compressed += FINAL_BLOCK.length;
        await this.emit(FINAL_BLOCK);
        const d = Buffer.alloc(16);
        d.writeUInt32LE(DESCRIPTOR, 0);
        d.writeUInt32LE(entry.crc, 4);
        d.writeUInt32LE(entry.compressed, 8);
        d.writeUInt32LE(entry.size, 12);
        await this.emit(d);
        this.entries.push(entry);
        this.open = false;
      }
    });
  }

  /** The central directory: after this the archive is complete. */
  async finish(): Promise<void> {
    if (this.open) throw new ZipError('An entry is still being written');
    const start = this.offset;
    for (const e of this.entries) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(CENTRAL, 0);
      c.writeUInt16LE(20, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(e.descriptor ? 0x0808 : 0x0800, 8);
      c.writeUInt16LE(8, 10);
      c.writeUInt16LE(this.stamp.time, 12);
      c.writeUInt16LE(this.stamp.date, 14);
      c.writeUInt32LE(e.crc, 16);
      c.writeUInt32LE(e.compressed, 20);
      c.writeUInt32LE(e.size, 24);
      c.writeUInt16LE(e.name.length, 28);
      c.writeUInt32LE(e.offset, 42);
      await this.emit(c);
      await this.emit(e.name);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.emit(end);
  }
}

/**
 * Text into one streamed entry, encoded straight into buffers of about 1 MB pieces. The buffers
 * take turns: one is filled while the others' pieces are being compressed.
 */
export class EntryWriter {
  private readonly bufs = Array.from({ length: IN_FLIGHT + 1 }, () => Buffer.allocUnsafe(PIECE + 64 * 1024));
  private turn = 0;
  private buf = this.bufs[0]!;
  private used = 0;

  constructor(private readonly flushPiece: (piece: Buffer, last: boolean) => Promise<void>) {}

  /** Encodes the text; awaits only when a piece is full (so `await` on every row costs little). */
  async write(text: string): Promise<void> {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.used + text.length * 3 > this.buf.length) {
      if (this.used) await this.flush(false);
      if (text.length * 3 > this.buf.length) {
        await this.flushPiece(Buffer.from(text, 'utf8'), false);
        return;
      }
    }
    this.used += this.buf.write(text, this.used, 'utf8');
    if (this.used >= PIECE) await this.flush(false);
  }

  private async flush(last: boolean): Promise<void> {
    const piece = this.buf.subarray(0, this.used);
    // flushPiece returns once all but the newest IN_FLIGHT pieces are written, so the next buffer
    // in turn (used IN_FLIGHT + 1 pieces ago) is free to fill.
    await this.flushPiece(piece, last);
    this.turn = (this.turn + 1) % this.bufs.length;
    this.buf = this.bufs[this.turn]!;
    this.used = 0;
  }

  async close(): Promise<void> {
    await this.flush(true);
  }
}
