/**
 * Work that follows an ack and can wait a moment (linting a draft, redrawing its modal). It runs in arrival
 * order, about a millisecond of it per turn of the event loop, so requests that arrive meanwhile are read
 * and acknowledged first: in a burst of keystrokes every ack stays near a bare app's, and the feedback
 * follows right after.
 */
export class AfterAckQueue {
  private readonly items: Array<() => void> = [];
  private scheduled = false;

  constructor(
    private readonly onError: (error: unknown) => void = () => {},
    /** How much queued work may run before the event loop gets to read new requests again. */
    private readonly sliceMs = 1,
  ) {}

  /** Runs `work` once the requests waiting now have been read (and so acknowledged). */
  push(work: () => void): void {
    this.items.push(work);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.drain);
  }

  /** Pieces of work waiting. */
  get size(): number {
    return this.items.length;
  }

  private readonly drain = (): void => {
    const until = performance.now() + this.sliceMs;
    do {
      const work = this.items.shift();
      try {
        work?.();
      } catch (error) {
        this.onError(error);
      }
    } while (this.items.length > 0 && performance.now() < until);
    if (this.items.length > 0) setImmediate(this.drain);
    else this.scheduled = false;
  };
}
