import type { Fault } from './types.js';

interface Pending {
  fault: Fault;
  remaining: number;
}

interface Every {
  n: number;
  fault: Fault;
  count: number;
}

/**
 * Which fault (if any) replaces the next call to a method. `'*'` matches every method.
 * `failNext` faults are used first, in order; `failEvery(method, n)` hits every n-th call counted from when it was set.
 */
export class FaultInjector {
  private readonly next = new Map<string, Pending[]>();
  private readonly every = new Map<string, Every>();

  failNext(method: string, fault: Fault, times = 1): void {
    if (!Number.isInteger(times) || times < 1)
      throw new RangeError(`times must be a positive integer (got ${times})`);
    const list = this.next.get(method) ?? [];
    list.push({ fault, remaining: times });
    this.next.set(method, list);
  }

  failEvery(method: string, n: number, fault: Fault): void {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer (got ${n})`);
    this.every.set(method, { n, fault, count: 0 });
  }

  clear(): void {
    this.next.clear();
    this.every.clear();
  }

  /** The fault for this call to `method`, consuming it; counts the call for `failEvery`. */
  take(method: string): Fault | undefined {
    let hit: Fault | undefined;
    for (const key of [method, '*']) {
      const every = this.every.get(key);
      if (every) {
        every.count += 1;
        if (hit === undefined && every.count % every.n === 0) hit = every.fault;
      }
    }
    if (hit !== undefined) return hit;
    for (const key of [method, '*']) {
      const list = this.next.get(key);
      const first = list?.[0];
      if (list && first) {
        first.remaining -= 1;
        if (first.remaining <= 0) list.shift();
        return first.fault;
      }
    }
    return undefined;
  }
}

/** A budget the local Slack enforces: `perMinute` on average, up to `burst` (default 1) at once. */
export interface LocalRateLimit {
  perMinute: number;
  burst?: number;
}

/**
 * Slack's rate limits, for the local Slack to enforce (off unless given): per method per workspace, and
 * for `chat.postMessage` also per channel. A call over a budget is answered 429 with `Retry-After` and
 * does not count against it.
 */
export interface LocalRateLimits {
  /** Per method, across the workspace (for `chat.postMessage`, the workspace budget). */
  methods?: Record<string, LocalRateLimit>;
  /** `chat.postMessage` into one channel (a DM counts as its channel). */
  perChannel?: LocalRateLimit;
}

/** One budget as a GCRA: `tat` is when it would be full again. */
class Budget {
  private tat = Number.NEGATIVE_INFINITY;
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  constructor(limit: LocalRateLimit) {
    if (!(limit.perMinute > 0)) throw new RangeError(`perMinute must be positive (got ${limit.perMinute})`);
    this.intervalMs = 60_000 / limit.perMinute;
    this.toleranceMs = (Math.max(1, Math.floor(limit.burst ?? 1)) - 1) * this.intervalMs;
  }
  /** Milliseconds until a call at `now` conforms (0: it does). */
  over(now: number): number {
    return Math.max(0, this.tat - this.toleranceMs - now);
  }
  take(now: number): void {
    this.tat = Math.max(this.tat, now) + this.intervalMs;
  }
}

/** Keeps the budgets of {@link LocalRateLimits} on the local Slack's clock (real or fake). */
export class RateLimitEnforcer {
  /** Calls answered 429 so far. */
  rejected = 0;
  private readonly methods = new Map<string, Budget>();
  private readonly channels = new Map<string, Budget>();

  constructor(private readonly limits: LocalRateLimits) {
    for (const [method, limit] of Object.entries(limits.methods ?? {}))
      this.methods.set(method, new Budget(limit));
    if (limits.perChannel) new Budget(limits.perChannel);
  }

  /**
   * Counts a call at `now` and answers undefined, or, when it is over a budget, the seconds to put in
   * Retry-After (at least 1, as Slack sends whole seconds), without counting it.
   */
  check(method: string, channel: string | undefined, now: number): number | undefined {
    const budgets: Budget[] = [];
    const own = this.methods.get(method);
    if (own) budgets.push(own);
    if (method === 'chat.postMessage' && channel !== undefined && this.limits.perChannel) {
      let perChannel = this.channels.get(channel);
      if (!perChannel) {
        perChannel = new Budget(this.limits.perChannel);
        this.channels.set(channel, perChannel);
      }
      budgets.push(perChannel);
    }
    const wait = Math.max(0, ...budgets.map((b) => b.over(now)));
    if (wait > 0) {
      this.rejected++;
      return Math.max(1, Math.ceil(wait / 1000));
    }
    for (const b of budgets) b.take(now);
    return undefined;
  }
}
