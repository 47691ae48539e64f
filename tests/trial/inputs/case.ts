import type { Rng } from '../../generators/random';

/**
 * One hostile input: the files (or folder) a user picks for import, written into a folder of its
 * own. `special` makes a path that is not a plain file (a FIFO that never ends, a link to a
 * device that never ends, a link to itself), as a damaged download folder or a careless script
 * can present.
 */
export interface TrialFile {
  /** Relative path inside the case's folder ("a.csv", "folder/b.eml"). */
  path: string;
  bytes?: Uint8Array;
  special?: 'fifo' | 'link-to-zero' | 'link-loop' | 'folder';
}

export interface TrialInput {
  family: string;
  name: string;
  files: TrialFile[];
  /** The paths given to `import` (relative to the case folder); by default every top-level file. */
  args?: string[];
  /** Import into the blank workspace with --create-questions, rather than into the example. */
  createQuestions?: boolean;
}

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A copy of `bytes` with `n` random bits flipped. */
export function flipBits(rng: Rng, bytes: Uint8Array, n: number): Uint8Array {
  const b = new Uint8Array(bytes);
  for (let i = 0; i < n; i++) {
    const at = rng.int(0, b.length - 1);
    b[at] = b[at]! ^ (1 << rng.int(0, 7));
  }
  return b;
}

/** A copy with a run of bytes overwritten by random ones. */
export function scribble(rng: Rng, bytes: Uint8Array, length: number): Uint8Array {
  const b = new Uint8Array(bytes);
  const at = rng.int(0, Math.max(0, b.length - length));
  for (let i = at; i < Math.min(b.length, at + length); i++) b[i] = rng.int(0, 255);
  return b;
}

/** Cut off at a random point. */
export const truncate = (rng: Rng, bytes: Uint8Array): Uint8Array =>
  bytes.subarray(0, rng.int(1, Math.max(1, bytes.length - 1)));

/** Random bytes. */
export function randomBytes(rng: Rng, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(0, 255);
  return b;
}

/** Applies one of the byte-level mutations, named. */
export function mutate(rng: Rng, bytes: Uint8Array): { how: string; bytes: Uint8Array } {
  switch (rng.int(0, 4)) {
    case 0:
      return { how: 'one bit flipped', bytes: flipBits(rng, bytes, 1) };
    case 1: {
      const n = rng.int(2, 12);
      return { how: `${n} bits flipped`, bytes: flipBits(rng, bytes, n) };
    }
    case 2:
      return { how: 'cut off', bytes: truncate(rng, bytes) };
    case 3:
      return { how: 'a run scribbled over', bytes: scribble(rng, bytes, rng.int(4, 256)) };
    default: {
      // A chunk repeated in place (a bad copy or a resumed download).
      const at = rng.int(0, bytes.length - 1);
      const len = rng.int(1, Math.min(4096, bytes.length - at));
      const out = new Uint8Array(bytes.length + len);
      out.set(bytes.subarray(0, at + len));
      out.set(bytes.subarray(at, at + len), at + len);
      out.set(bytes.subarray(at + len), at + 2 * len);
      return { how: 'a chunk repeated', bytes: out };
    }
  }
}
