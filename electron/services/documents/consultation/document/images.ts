/**
 * Images in documents come only as data: URLs (the editor embeds them). Nothing is ever fetched:
 * the app is offline and a remote address in a published document would leak who opened it.
 * We read the format and pixel size from the bytes themselves (the MIME type can lie).
 */
export type ImageFormat = 'png' | 'jpg' | 'gif' | 'bmp';

export interface DecodedImage {
  format: ImageFormat;
  bytes: Uint8Array;
  width: number;
  height: number;
}

const MIME: Record<ImageFormat, string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', bmp: 'image/bmp' };
export const mimeOf = (f: ImageFormat): string => MIME[f];

/** The image in a base64 data: URL, or null for anything we cannot embed safely (remote URLs, SVG, damaged data). */
export function decodeImage(src: string): DecodedImage | null {
  const m = /^data:([a-z0-9.+/-]+)?(;[^,]*)?,(.*)$/is.exec(src.trim());
  if (!m || !/;base64/i.test(m[2] ?? '')) return null;
  const bytes = new Uint8Array(Buffer.from(m[3]!.replace(/\s+/g, ''), 'base64'));
  const info = sniff(bytes);
  return info ? { ...info, bytes } : null;
}

function sniff(b: Uint8Array): { format: ImageFormat; width: number; height: number } | null {
  const at = (i: number) => b[i] ?? 0;
  const be16 = (i: number) => (at(i) << 8) | at(i + 1);
  const be32 = (i: number) => ((at(i) << 24) | (at(i + 1) << 16) | (at(i + 2) << 8) | at(i + 3)) >>> 0;
  const le16 = (i: number) => at(i) | (at(i + 1) << 8);
  const le32 = (i: number) => at(i) | (at(i + 1) << 8) | (at(i + 2) << 16) | (at(i + 3) << 24) | 0;
  let r: { format: ImageFormat; width: number; height: number } | null = null;
  if (b.length >= 24 && at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) {
    r = { format: 'png', width: be32(16), height: be32(20) };
  } else if (b.length >= 10 && at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46) {
    r = { format: 'gif', width: le16(6), height: le16(8) };
  } else if (b.length >= 26 && at(0) === 0x42 && at(1) === 0x4d) {
    r = { format: 'bmp', width: Math.abs(le32(18)), height: Math.abs(le32(22)) };
  } else if (b.length >= 4 && at(0) === 0xff && at(1) === 0xd8) {
    // JPEG: walk the segments to the first start-of-frame marker.
    let i = 2;
    while (i + 9 < b.length) {
      if (at(i) !== 0xff) return null;
      const marker = at(i + 1);
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        i += 2;
        continue;
      }
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        r = { format: 'jpg', height: be16(i + 5), width: be16(i + 7) };
        break;
      }
      i += 2 + be16(i + 2);
    }
  }
  if (!r || r.width <= 0 || r.height <= 0 || r.width > 100_000 || r.height > 100_000) return null;
  return r;
}

/** Display size in CSS pixels (96 to the inch), no wider than the text column and no taller than most of a page. */
export function fitImage(
  width: number,
  height: number,
  maxWidth = 600,
  maxHeight = 800,
): { width: number; height: number } {
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
