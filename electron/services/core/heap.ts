import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Memory a busy thread has let go, given back before it piles up. V8 collects its old generation once the heap has
 * grown well past what was live at the last collection (up to four times as much), and frees a dropped buffer only
 * then. The import is where that told (issue 19: 100,000 responses within 1.5 GB): its reader lets a whole file's
 * table go a slice at a time, and carried every slice's garbage, and the file's bytes, to its end (a heap of 970 MB
 * with less than 550 MB live).
 *
 * A worker thread may not be started with --expose-gc, so the collector is taken the way test runners take it: the
 * flag set for as long as it takes to make one context, which then has `gc`, and set back. Where that cannot be done,
 * nothing here collects and V8 collects as it would.
 */
let collector: (() => void) | null | undefined;

/** V8's full collection, or null where it cannot be had. */
export function fullCollection(): (() => void) | null {
  if (collector !== undefined) return collector;
  collector = null;
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return (collector = exposed as () => void);
  // Under Electron, V8 may freeze its flags after start-up, and changing a frozen flag aborts the process rather than
  // throwing. That could not be tried here (no Electron binary), so the app's window leaves collection to V8; the
  // command line and the browser host run under Node, where setting the flag is allowed.
  if (process.versions.electron) return collector;
  try {
    setFlagsFromString('--expose-gc');
    try {
      const gc = runInNewContext('gc') as unknown;
      if (typeof gc === 'function') collector = gc as () => void;
    } finally {
      setFlagsFromString('--no-expose-gc');
    }
  } catch {
    // Flags that cannot be changed: V8 collects on its own.
  }
  return collector;
}

/**
 * Collects whenever the heap has grown by more than `slackBytes` over the least it held since it last collected (or
 * since it was first checked: what the thread holds by then, a table just read, say, is not garbage).
 */
export class GarbageBound {
  private low = Infinity;

  constructor(private readonly slackBytes: number) {}

  check(): void {
    const used = getHeapStatistics().used_heap_size;
    if (used < this.low) this.low = used;
    if (used <= this.low + this.slackBytes) return;
    const gc = fullCollection();
    if (!gc) return;
    gc();
    this.low = getHeapStatistics().used_heap_size;
  }
}

/**
 * Frees the memory behind bytes this thread was given (transferred to it) and has finished with, now rather than when
 * the collector next finds them unreachable: the buffer is handed to a copy of itself that is dropped at once, which
 * leaves every view of it empty.
 */
export function releaseBytes(bytes: Uint8Array): void {
  if (!bytes.byteLength || !(bytes.buffer instanceof ArrayBuffer)) return;
  try {
    structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
  } catch {
    // Not transferable (WebAssembly's memory, say): left to the collector.
  }
}
