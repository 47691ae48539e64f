import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Where a streamed output goes: a file path or any Writable (a temp file the export service
 * renames into place, a hash-and-forward stream…). Writes wait while the destination is full, so
 * memory stays bounded however large the output; the SHA-256 and size the export log records are
 * worked out on the way through.
 */
export interface StreamedOutput {
  bytes: number;
  sha256: string;
}

export class ByteSink {
  private readonly stream: Writable;
  private readonly ownsStream: boolean;
  private readonly hash = createHash('sha256');
  private count = 0;
  private failed: Error | null = null;

  constructor(out: string | Writable) {
    this.ownsStream = typeof out === 'string';
    this.stream = typeof out === 'string' ? createWriteStream(out) : out;
    this.stream.on('error', (e: Error) => {
      this.failed ??= e;
    });
  }

  get bytes(): number {
    return this.count;
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.failed) throw this.failed;
    if (!chunk.length) return;
    this.hash.update(chunk);
    this.count += chunk.length;
    if (!this.stream.write(chunk)) await this.drained();
  }

  private drained(): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (e?: Error) => {
        this.stream.off('drain', onDrain);
        this.stream.off('error', onError);
        if (e) reject(e);
        else resolve();
      };
      const onDrain = () => done();
      const onError = (e: Error) => done(e);
      this.stream.on('drain', onDrain);
      this.stream.on('error', onError);
    });
  }

  /** Ends a file we opened (and waits until it is on disk); a caller's Writable is left open. */
  async end(): Promise<StreamedOutput> {
    if (this.failed) throw this.failed;
    if (this.ownsStream) {
      this.stream.end();
      await once(this.stream, 'close');
      if (this.failed) throw this.failed;
    }
    return { bytes: this.count, sha256: this.hash.digest('hex') };
  }

  /** After a failure: close a file we opened without waiting for anything. */
  destroy(): void {
    if (this.ownsStream) this.stream.destroy();
  }
}
