/**
 * Coalesces bursts of work per view: typing fires an event per character, but Slack should see one
 * `views.update` after a short pause (and at least one every `maxWaitMs` while typing goes on).
 * The latest scheduled work wins.
 */
export class ViewUpdateDebouncer {
  private readonly pending = new Map<
    string,
    { timer: NodeJS.Timeout; firstAt: number; work: () => Promise<void> }
  >();

  constructor(
    private readonly quietMs = 400,
    private readonly maxWaitMs = 1500,
    private readonly onError: (error: unknown) => void = () => {},
    private readonly track: (work: Promise<unknown>) => void = () => {},
  ) {}

  schedule(viewId: string, work: () => Promise<void>): void {
    const existing = this.pending.get(viewId);
    const firstAt = existing?.firstAt ?? Date.now();
    if (existing) clearTimeout(existing.timer);
    const wait = Math.max(0, Math.min(this.quietMs, firstAt + this.maxWaitMs - Date.now()));
    const timer = setTimeout(() => this.flush(viewId), wait);
    timer.unref();
    this.pending.set(viewId, { timer, firstAt, work });
  }

  /** Drops anything pending for the view (e.g. when okrbot updates it itself). */
  cancel(viewId: string): void {
    const existing = this.pending.get(viewId);
    if (existing) clearTimeout(existing.timer);
    this.pending.delete(viewId);
  }

  get size(): number {
    return this.pending.size;
  }

  private flush(viewId: string): void {
    const entry = this.pending.get(viewId);
    if (!entry) return;
    this.pending.delete(viewId);
    const run = entry.work().catch(this.onError);
    this.track(run);
  }
}
