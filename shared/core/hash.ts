/**
 * Small, fast, dependency-free hashing and a seeded random number generator, shared by the
 * analysis algorithms. None of this is cryptographic: it only has to spread values evenly and be
 * the same on every run, so results (and tests) are reproducible.
 */

/** MurmurHash3's 32-bit finaliser: turns a weak hash into a well-mixed one. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, finalised with fmix32. */
export function hashString(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Combines two 32-bit hashes in an order-sensitive way. */
export function combineHash(a: number, b: number): number {
  return fmix32((Math.imul(a, 0x9e3779b1) ^ b) >>> 0);
}

/** 8 hex digits. */
export function hex32(h: number): string {
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Mulberry32: a tiny seeded generator with good statistical quality for simulation and
 * k-means seeding. Returns floats in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 128-bit value from a string, formatted as an upper-case GUID (version nibble 8, "custom"). */
export function guidFromString(s: string): string {
  const parts = [hashString(s, 1), hashString(s, 2), hashString(s, 3), hashString(s, 4)].map(hex32).join('');
  // RFC 9562 version 8 (vendor-specific) and the RFC variant bits, so it reads as a valid UUID.
  const v =
    parts.slice(0, 12) +
    '8' +
    parts.slice(13, 16) +
    ((parseInt(parts[16]!, 16) & 0x3) | 0x8).toString(16) +
    parts.slice(17, 32);
  return `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20, 32)}`.toUpperCase();
}

/**
 * A hash map from non-negative 31-bit integers to integers, open addressing with linear probing
 * in typed arrays: several times faster than Map for millions of numeric keys, and no garbage.
 */
export class IntMap {
  private keys: Int32Array;
  private vals: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.keys = new Int32Array(cap).fill(-1);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** The value for key, or -1 if absent. */
  get(key: number): number {
    let i = fmix32(key) & this.mask;
    for (;;) {
      const k = this.keys[i]!;
      if (k === key) return this.vals[i]!;
      if (k === -1) return -1;
      i = (i + 1) & this.mask;
    }
  }

  set(key: number, val: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    let i = fmix32(key) & this.mask;
    for (;;) {
      const k = this.keys[i]!;
      if (k === key) {
        this.vals[i] = val;
        return;
      }
      if (k === -1) {
        this.keys[i] = key;
        this.vals[i] = val;
        this.size++;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  clear(): void {
    this.keys.fill(-1);
    this.size = 0;
  }

  private grow(): void {
    const oldK = this.keys;
    const oldV = this.vals;
    this.keys = new Int32Array(oldK.length * 2).fill(-1);
    this.vals = new Int32Array(oldK.length * 2);
    this.mask = this.keys.length - 1;
    this.size = 0;
    for (let i = 0; i < oldK.length; i++) if (oldK[i]! !== -1) this.set(oldK[i]!, oldV[i]!);
  }
}
