// Keeps Home tabs current after the changes that concern their owners, without a publish per change: who
// acted is collected per workspace; once the workspace has been quiet for `quietMs` (or `maxWaitMs` after the
// first change of a burst), the people those changes concern are worked out once and each one's Home tab is
// republished once, only if they have opened it and only if it now looks different.

export interface HomeRefresherOptions {
  /** Publishes the Home tabs of everyone these actors' changes concern (see `refreshHomes`). */
  refresh: (teamId: string, actors: string[]) => Promise<void>;
  /** Registers background work so shutdown waits for it. */
  track: (work: Promise<unknown>) => void;
  onError: (error: unknown) => void;
  quietMs?: number;
  maxWaitMs?: number;
  /**
   * True while requests are waiting for their ack: a refresh that falls due then waits (checking every
   * `busyRetryMs`) until they are answered, for at most `maxWaitMs` more, so it never delays a burst's acks.
   */
  busy?: () => boolean;
  busyRetryMs?: number;
}

interface Pending {
  actors: Set<string>;
  firstAt: number;
  timer: ReturnType<typeof setTimeout>;
}

export class HomeRefresher {
  /** How long a workspace must be quiet before its Home tabs are refreshed; and the most a burst waits. */
  timing: { quietMs: number; maxWaitMs: number };
  private readonly pending = new Map<string, Pending>();
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(private readonly options: HomeRefresherOptions) {
    this.timing = { quietMs: options.quietMs ?? 1_000, maxWaitMs: options.maxWaitMs ?? 10_000 };
  }

  /** These people changed something (or were sent something) in this workspace. */
  touch(teamId: string, userIds: readonly string[]): void {
    if (this.stopped || userIds.length === 0) return;
    const now = Date.now();
    const entry = this.pending.get(teamId);
    if (entry) clearTimeout(entry.timer);
    const actors = entry?.actors ?? new Set<string>();
    for (const u of userIds) actors.add(u);
    const firstAt = entry?.firstAt ?? now;
    const wait = Math.max(0, Math.min(this.timing.quietMs, firstAt + this.timing.maxWaitMs - now));
    this.pending.set(teamId, { actors, firstAt, timer: this.timerFor(teamId, wait, now) });
  }

  /** A timer that flushes the workspace after `wait`, or later while requests are being answered. */
  private timerFor(teamId: string, wait: number, dueFrom: number): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      const entry = this.pending.get(teamId);
      const busy = this.options.busy?.() ?? false;
      if (entry && busy && Date.now() - dueFrom < this.timing.maxWaitMs) {
        entry.timer = this.timerFor(teamId, this.options.busyRetryMs ?? 20, dueFrom);
        return;
      }
      void this.flush(teamId);
    }, wait);
    timer.unref?.();
    return timer;
  }

  /** Refreshes one workspace's pending Home tabs now (after any refresh of it already running). */
  flush(teamId: string): Promise<void> {
    const entry = this.pending.get(teamId);
    if (!entry) return this.running.get(teamId) ?? Promise.resolve();
    clearTimeout(entry.timer);
    this.pending.delete(teamId);
    const before = this.running.get(teamId) ?? Promise.resolve();
    const work = before
      .then(() => this.options.refresh(teamId, [...entry.actors]))
      .catch((error) => this.options.onError(error))
      .finally(() => {
        if (this.running.get(teamId) === work) this.running.delete(teamId);
      });
    this.running.set(teamId, work);
    this.options.track(work);
    return work;
  }

  /** Refreshes everything pending now and waits for every refresh under way. */
  async settle(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((teamId) => this.flush(teamId)));
    await Promise.all([...this.running.values()]);
  }

  /** Drops what is pending (a refresh under way finishes; shutdown waits for it). */
  stop(): void {
    this.stopped = true;
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
  }
}
