/**
 * Work that follows an ack and can wait a moment (linting a draft, redrawing its modal). It runs in arrival
 * order, and only while no request is waiting for its answer (`busy`), a millisecond of it at a time, so
 * requests arriving in a burst are all read and acknowledged first; work that has waited `maxWaitMs` runs
 * anyway, so a server that is never idle still gives feedback.
 */
export interface AfterAckOptions {
  /** True while requests are being answered (okrbot: the HTTP server's count). Default: never busy. */
  busy?: () => boolean;
  /** How much queued work may run before the event loop reads new requests again (default 1 ms). */
  sliceMs?: number;
  /** The longest a piece of work waits for the server to be idle (default 50 ms). */
  maxWaitMs?: number;
  onError?: (error: unknown) => void;
}

export class AfterAckQueue {
  private readonly items: Array<{ work: () => void; at: number }> = [];
  private scheduled = false;
  private readonly busy: () => boolean;
  private readonly sliceMs: number;
  private readonly maxWaitMs: number;
  private readonly onError: (error: unknown) => void;

  constructor(options: AfterAckOptions = {}) {
    this.busy = options.busy ?? (() => false);
    this.sliceMs = options.sliceMs ?? 1;
    this.maxWaitMs = options.maxWaitMs ?? 50;
    this.onError = options.onError ?? (() => {});
  }

  /** Runs `work` once the requests waiting now have been answered. */
  push(work: () => void): void {
    this.items.push({ work, at: performance.now() });
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.drain);
  }

  /** Pieces of work waiting. */
  get size(): number {
    return this.items.length;
  }

  private readonly drain = (): void => {
    const now = performance.now();
    const head = this.items[0];
    if (head && this.busy() && now - head.at < this.maxWaitMs) {
      // Requests are being answered: look again in a millisecond (a timer, so the loop can wait for I/O).
      setTimeout(this.drain, 1);
      return;
    }
    const until = now + this.sliceMs;
    do {
      const item = this.items.shift();
      try {
        item?.work();
      } catch (error) {
        this.onError(error);
      }
    } while (this.items.length > 0 && performance.now() < until);
    if (this.items.length > 0) setImmediate(this.drain);
    else this.scheduled = false;
  };
}
