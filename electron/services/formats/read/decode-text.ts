import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { AppError } from '#shared/core/errors';
import type { ImportWarning } from '#shared/domain/survey-import/types';

/**
 * Bytes of a text export → a string, with the encoding it was in. Byte-order marks first (UTF-8,
 * UTF-16 LE/BE); UTF-16 without a mark by its zero bytes; then strict UTF-8; and a file that is not
 * valid UTF-8 is Windows-1252 (Excel's "CSV" on a UK Windows laptop), with a warning saying so.
 */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  warnings: ImportWarning[];
}

export function decodeText(bytes: Uint8Array, fileName: string): DecodedText {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
    return { text: utf8(b.subarray(3), fileName), encoding: 'utf-8', warnings: [] };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(b.subarray(2)), encoding: 'utf-16le', warnings: [] };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(b.subarray(2)), encoding: 'utf-16be', warnings: [] };
  const sixteen = utf16WithoutBom(b);
  if (sixteen) return { text: new TextDecoder(sixteen).decode(b), encoding: sixteen, warnings: [] };
  const probe = b.subarray(0, Math.min(b.length, 1 << 16));
  // A stray NUL byte in a text export (a damaged copy, a bad tool) is removed from its cell later,
  // with a warning naming the place (read-source.ts); a file with many is binary, not text.
  const binaryAt = binaryFrom(probe);
  if (binaryAt >= 0)
    throw new AppError(
      'bad-file',
      `${fileName} is not a text file or a spreadsheet the importer knows: it holds binary data (from ` +
        `byte ${binaryAt + 1}).`,
      { reason: 'not-a-spreadsheet' },
    );
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8', warnings: [] };
  } catch {
    return {
      text: iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.byteLength), 'win1252'),
      encoding: 'windows-1252',
      warnings: [
        {
          code: 'encoding-fallback',
          message:
            'The file is not UTF-8, so it was read as Windows-1252 (Western European). Check that £ signs and ' +
            'accented letters look right.',
        },
      ],
    };
  }
}

/**
 * Where the text of a file decodeText reads as UTF-8 without a fault starts (0, or 3 after a byte-order mark), or
 * null for any other file (UTF-16, Windows-1252, binary, damaged UTF-8: decodeText says what it is). Checked without
 * decoding, so that a large export can be decoded a piece at a time (csv.ts, parseDelimitedUtf8).
 */
export function utf8TextStart(b: Uint8Array): number | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return isUtf8(b.subarray(3)) ? 3 : null;
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return null;
  if (utf16WithoutBom(b) || binaryFrom(b.subarray(0, Math.min(b.length, 1 << 16))) >= 0) return null;
  return isUtf8(b) ? 0 : null;
}

function utf8(b: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    throw new AppError('bad-file', `${fileName} says it is UTF-8 but contains bytes that are not: it may be damaged.`, {
      reason: 'bad-encoding',
    });
  }
}

/** Mostly-ASCII UTF-16 has a zero in every other byte: which half says the byte order. */
function utf16WithoutBom(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero / pairs > 0.4 && evenZero / pairs < 0.05) return 'utf-16le';
  if (evenZero / pairs > 0.4 && oddZero / pairs < 0.05) return 'utf-16be';
  return null;
}

/**
 * Where binary data starts in a sample of a supposed text file, or -1: more than 1 byte in 100 a
 * NUL, or more than 5 in 100 other control characters than tab, line breaks and form feed (and
 * more than 16 of them, so one stray byte in a short file is not "binary").
 */
function binaryFrom(probe: Uint8Array): number {
  let nul = 0;
  let control = 0;
  let first = -1;
  for (let i = 0; i < probe.length; i++) {
    const c = probe[i]!;
    if (c === 0) nul++;
    else if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) control++;
    else continue;
    if (first < 0) first = i;
  }
  return (nul > 16 && nul * 100 > probe.length) || (control > 16 && control * 20 > probe.length) ? first : -1;
}
