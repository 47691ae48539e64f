import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { JournalRecord, SqlValue } from './database';

/**
 * The change journal: an append-only file beside the workspace that makes each acknowledged
 * change durable without rewriting the whole database.
 *
 * Layout: an 8-byte magic, then frames of [u32 length][u32 crc32][payload]. The first frame is
 * the header ({workspaceId, generation, fileCrc}); the rest are change records. The header ties the
 * journal to one snapshot generation: after a snapshot the journal is reset with the new
 * generation, so a crash between the two leaves a stale journal that is recognised and ignored.
 * A torn final frame (crash during append) fails its length or CRC check and is dropped: its
 * call never returned, so nothing acknowledged is lost.
 */
export const JOURNAL_MAGIC = Buffer.from('CWJRNL01', 'latin1');

export interface JournalHeader {
  workspaceId: string;
  generation: number;
  /**
   * CRC-32 (hex) of the workspace file as this generation's snapshot wrote it. The journal stays
   * beside the file after it closes, so the next open can tell the file's bytes are the ones
   * written: a byte changed anywhere in them (an answer's text, which only Verify's full check
   * would otherwise notice) is refused before anything is written.
   */
  fileCrc?: string;
}

export interface JournalContents {
  header: JournalHeader | null;
  records: JournalRecord[];
  /** Bytes after the last good frame (a torn or corrupt tail). */
  tornTail: boolean;
  bytes: number;
}

type Encoded = string | number | null | { $b: string };

function encodeValue(v: SqlValue): Encoded {
  return v instanceof Uint8Array ? { $b: Buffer.from(v).toString('base64') } : v;
}
function decodeValue(v: Encoded): SqlValue {
  return v !== null && typeof v === 'object' ? new Uint8Array(Buffer.from(v.$b, 'base64')) : v;
}

export function frame(payload: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  const head = Buffer.alloc(8);
  head.writeUInt32LE(body.length, 0);
  head.writeUInt32LE(crc32(body), 4);
  return Buffer.concat([head, body]);
}

function encodeRecord(r: JournalRecord): unknown {
  return { at: r.at, sql: r.sql, ops: r.ops.map(([i, ps]) => [i, ps.map(encodeValue)]) };
}
function decodeRecord(raw: unknown): JournalRecord {
  const r = raw as { at: string; sql: string[]; ops: [number, Encoded[]][] };
  if (!r || typeof r.at !== 'string' || !Array.isArray(r.sql) || !Array.isArray(r.ops)) throw new Error('bad record');
  return { at: r.at, sql: r.sql, ops: r.ops.map(([i, ps]) => [i, ps.map(decodeValue)]) };
}

/** Read a journal file. Never throws for a damaged tail; throws only for I/O errors. */
export function readJournal(path: string): JournalContents {
  if (!existsSync(path)) return { header: null, records: [], tornTail: false, bytes: 0 };
  const buf = readFileSync(path);
  if (buf.length === 0) return { header: null, records: [], tornTail: false, bytes: 0 };
  if (buf.length < JOURNAL_MAGIC.length || !buf.subarray(0, JOURNAL_MAGIC.length).equals(JOURNAL_MAGIC)) {
    return { header: null, records: [], tornTail: true, bytes: buf.length };
  }
  let pos = JOURNAL_MAGIC.length;
  const frames: unknown[] = [];
  let torn = false;
  while (pos < buf.length) {
    if (pos + 8 > buf.length) {
      torn = true;
      break;
    }
    const len = buf.readUInt32LE(pos);
    const sum = buf.readUInt32LE(pos + 4);
    if (pos + 8 + len > buf.length) {
      torn = true;
      break;
    }
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (crc32(body) !== sum) {
      torn = true;
      break;
    }
    try {
      frames.push(JSON.parse(body.toString('utf8')));
    } catch {
      torn = true;
      break;
    }
    pos += 8 + len;
  }
  const [first, ...rest] = frames;
  const h = first as Partial<JournalHeader> | undefined;
  const header =
    h && typeof h.workspaceId === 'string' && typeof h.generation === 'number'
      ? {
          workspaceId: h.workspaceId,
          generation: h.generation,
          ...(typeof h.fileCrc === 'string' ? { fileCrc: h.fileCrc } : {}),
        }
      : null;
  const records: JournalRecord[] = [];
  for (const r of rest) {
    try {
      records.push(decodeRecord(r));
    } catch {
      torn = true;
      break;
    }
  }
  return { header, records, tornTail: torn, bytes: buf.length };
}

/** The open, append-only journal of a workspace being edited. */
export class JournalWriter {
  private fd: number;
  private entries = 0;
  private size = 0;

  private constructor(fd: number) {
    this.fd = fd;
    this.size = fstatSync(fd).size;
  }

  /** Open (creating if needed) and reset to an empty journal for this snapshot generation. */
  static openFresh(path: string, header: JournalHeader): JournalWriter {
    const fd = openSync(path, 'a+'); // append mode: every write lands at the end, whatever the offset
    const w = new JournalWriter(fd);
    w.reset(header);
    return w;
  }

  /**
   * Open an existing journal whose good frames have just been replayed, and continue after
   * them. A torn tail is cut off first so new records are not hidden behind garbage.
   */
  static openContinuing(path: string, goodBytes: number, entries: number): JournalWriter {
    const fd = openSync(path, 'a+');
    const w = new JournalWriter(fd);
    if (w.size !== goodBytes) {
      ftruncateSync(fd, goodBytes);
      fsyncSync(fd);
      w.size = goodBytes;
    }
    w.entries = entries;
    return w;
  }

  get entryCount(): number {
    return this.entries;
  }
  get bytes(): number {
    return this.size;
  }

  /**
   * Append one change record and fsync: when this returns, the change survives a crash. When it
   * throws (a full disk, an I/O error), the journal is cut back to where it was, so a record that
   * was partly or even wholly written is not replayed later as a change the user was told failed.
   */
  append(record: JournalRecord): void {
    const f = frame(encodeRecord(record));
    try {
      writeAll(this.fd, f);
      fsyncSync(this.fd);
    } catch (e) {
      try {
        ftruncateSync(this.fd, this.size);
        fsyncSync(this.fd);
      } catch {
        // Could not cut it back: the tail may hold the record, whole or torn. A torn one is dropped
        // on open; a whole one would be replayed, so say so rather than claim nothing was saved.
        throw new JournalUncertainError(e);
      }
      throw e;
    }
    this.size += f.length;
    this.entries += 1;
  }

  /** Empty the journal after a snapshot, leaving only the header of the new generation. */
  reset(header: JournalHeader): void {
    ftruncateSync(this.fd, 0);
    const bytes = Buffer.concat([JOURNAL_MAGIC, frame(header)]);
    writeAll(this.fd, bytes);
    fsyncSync(this.fd);
    this.size = bytes.length;
    this.entries = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** An append failed and the journal could not be cut back: whether the change was saved is not known. */
export class JournalUncertainError extends Error {
  constructor(override readonly cause: unknown) {
    super(`could not append to the change journal, nor cut it back (${(cause as Error)?.message ?? String(cause)})`);
  }
}

/** Length of the magic + every good frame: where appending should continue. */
export function goodLength(path: string): number {
  const buf = readFileSync(path);
  if (buf.length < JOURNAL_MAGIC.length || !buf.subarray(0, JOURNAL_MAGIC.length).equals(JOURNAL_MAGIC)) return 0;
  let pos = JOURNAL_MAGIC.length;
  while (pos + 8 <= buf.length) {
    const len = buf.readUInt32LE(pos);
    if (pos + 8 + len > buf.length) break;
    if (crc32(buf.subarray(pos + 8, pos + 8 + len)) !== buf.readUInt32LE(pos + 4)) break;
    pos += 8 + len;
  }
  return pos;
}

function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}
