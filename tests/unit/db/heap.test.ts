import { describe, expect, it } from 'vitest';
import { getHeapStatistics } from 'node:v8';
import { fullCollection, GarbageBound, releaseBytes } from '#electron/services/core/heap';

/**
 * What a busy thread (the import's reader) uses to give back memory it has let go (core/heap.ts): V8's full collection,
 * taken without --expose-gc; a bound on the garbage a heap carries; bytes handed over freed at once.
 */
const used = () => getHeapStatistics().used_heap_size;
const MB = 2 ** 20;

/** Garbage the heap keeps until it next collects its old generation: many small objects that lived a while. */
function garbage(megabytes: number): void {
  let keep: unknown[] = [];
  for (let i = 0; i < megabytes * 16 * 1024; i++) keep.push({ i, s: `x${i}` });
  keep = [];
  void keep;
}

describe('memory given back by a busy thread', () => {
  it('has V8 collect without --expose-gc, and frees the garbage', () => {
    const gc = fullCollection();
    expect(gc).toBeTypeOf('function');
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
    gc!();
    const before = used();
    garbage(40);
    expect(used()).toBeGreaterThan(before + 10 * MB);
    gc!();
    expect(used()).toBeLessThan(before + 5 * MB);
  });

  it('bounds the garbage a heap carries to the slack over the least it has held', () => {
    fullCollection()!();
    const bound = new GarbageBound(64 * MB);
    garbage(20);
    const under = used();
    bound.check();
    // Under the slack: nothing collected.
    expect(used()).toBeGreaterThanOrEqual(under - 8 * MB);
    garbage(80);
    bound.check();
    expect(used()).toBeLessThan(under);
  });

  it('frees bytes handed over as soon as they are done with, leaving every view of them empty', () => {
    const bytes = new Uint8Array(32 * MB).fill(7);
    const view = bytes.subarray(10, 20);
    releaseBytes(bytes);
    expect(bytes.byteLength).toBe(0);
    expect(view.byteLength).toBe(0);
    // Nothing to free, or nothing it may free: left as it is.
    const shared = new Uint8Array(new SharedArrayBuffer(16));
    releaseBytes(shared);
    expect(shared.byteLength).toBe(16);
    releaseBytes(new Uint8Array(0));
  });
});
