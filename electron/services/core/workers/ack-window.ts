/**
 * Flow control between two threads: the sender numbers what it sends, the receiver acknowledges
 * the number it has dealt with, and the sender waits while more than `ahead` are outstanding — so
 * whichever side is faster cannot pile up messages (and memory) in front of the other.
 */
export class AckWindow {
  private sent = 0;
  private acked = 0;
  private wake: (() => void) | null = null;

  constructor(private readonly ahead: number) {}

  /** Numbers the next message sent. */
  send(): number {
    return ++this.sent;
  }

  /** The receiver has dealt with everything up to `n`. */
  ack(n: number): void {
    this.acked = n;
    this.wake?.();
  }

  /** Wakes a waiting sender without an acknowledgement (the other side failed: `stop` says so). */
  release(): void {
    this.wake?.();
  }

  /** Resolves once no more than `ahead` messages are outstanding, or `stop()` is true. */
  async room(stop: () => boolean = () => false): Promise<void> {
    while (!stop() && this.sent - this.acked > this.ahead) await new Promise<void>((r) => (this.wake = r));
    this.wake = null;
  }
}
