/**
 * Paces outgoing Slack Web API calls below Slack's documented limits, so that sending never relies on
 * 429s (https://docs.slack.dev/apis/web-api/rate-limits):
 *
 * - every method has its tier's budget per workspace (Tier 2 20/min, Tier 3 50/min, Tier 4 100/min);
 * - `chat.postMessage` has a workspace budget (Slack: "several hundred per minute"; ours is a setting) and,
 *   per channel, about one message a second with short bursts;
 * - a 429 pauses only what it limits: that method in that channel for `chat.postMessage`, that method for
 *   the others. When several channels of one method are answered 429 at once, the cap is the workspace's,
 *   and the whole method pauses.
 *
 * Each budget is a token bucket kept as a GCRA (the time its next token is due), so waiting is computed,
 * never polled. The clock and sleep are injectable: unit tests run on a fake clock with no real waiting.
 */

/** A budget: `perMinute` calls on average, of which up to `burst` (default 1) may go at once. */
export interface RateLimit {
  perMinute: number;
  burst?: number;
}

export interface PacingOptions {
  /** `chat.postMessage` across the workspace, per minute (setting `SLACK_POST_PER_MINUTE`). Default 300. */
  postMessagePerMinute?: number;
  /** How many of those may go at once. Default a tenth of the minute's budget (30 of 300). */
  postMessageBurst?: number;
  /** `chat.postMessage` into one channel. Default 60/min (one a second), bursts of 20. */
  perChannel?: RateLimit;
  /** Per-method budgets over the defaults ({@link DEFAULT_METHOD_LIMITS}); `null` leaves a method unpaced. */
  methods?: Record<string, RateLimit | null>;
  /** 429s on this many different channels of one method within their pauses pause the whole method. Default 3. */
  escalateAfterChannels?: number;
  /** `false`: no budgets, only 429 pauses. Default true. */
  enabled?: boolean;
  /** Milliseconds, monotonic. Default `performance.now`. */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Slack's tiers for the methods okrbot calls (java-slack-sdk MethodsRateLimits; reference §3). */
export const DEFAULT_METHOD_LIMITS: Readonly<Record<string, RateLimit>> = {
  'chat.update': { perMinute: 50, burst: 25 },
  'chat.delete': { perMinute: 50, burst: 25 },
  'chat.scheduleMessage': { perMinute: 50, burst: 25 },
  'chat.postEphemeral': { perMinute: 100, burst: 50 },
  'chat.getPermalink': { perMinute: 100, burst: 50 },
  'conversations.open': { perMinute: 50, burst: 25 },
  'conversations.history': { perMinute: 50, burst: 25 },
  'conversations.replies': { perMinute: 50, burst: 25 },
  'conversations.info': { perMinute: 50, burst: 25 },
  'views.open': { perMinute: 100, burst: 50 },
  'views.update': { perMinute: 100, burst: 50 },
  'views.push': { perMinute: 100, burst: 50 },
  'views.publish': { perMinute: 100, burst: 50 },
  'users.info': { perMinute: 100, burst: 50 },
  'users.list': { perMinute: 20, burst: 10 },
  'users.lookupByEmail': { perMinute: 50, burst: 25 },
};

export const DEFAULT_POST_MESSAGE_PER_MINUTE = 300;
const DEFAULT_PER_CHANNEL: RateLimit = { perMinute: 60, burst: 20 };
/** Methods that Slack also limits per channel. */
const PER_CHANNEL_METHODS = new Set(['chat.postMessage']);
/** Above this many idle entries, keys whose budget or pause is back to full are forgotten. */
const PRUNE_AT = 2_000;

/** A token bucket as a GCRA: `tat` is when the bucket would be full again (its theoretical arrival time). */
class Bucket {
  tat = Number.NEGATIVE_INFINITY;
  readonly intervalMs: number;
  readonly toleranceMs: number;
  constructor(limit: RateLimit) {
    if (!(limit.perMinute > 0)) throw new RangeError(`perMinute must be positive (got ${limit.perMinute})`);
    const burst = Math.max(1, Math.floor(limit.burst ?? 1));
    this.intervalMs = 60_000 / limit.perMinute;
    this.toleranceMs = (burst - 1) * this.intervalMs;
  }
  /** Earliest time a call conforms. */
  earliest(): number {
    return this.tat - this.toleranceMs;
  }
  take(at: number): void {
    this.tat = Math.max(this.tat, at) + this.intervalMs;
  }
  idleAt(now: number): boolean {
    return this.tat <= now;
  }
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class SlackPacer {
  readonly clock: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  private readonly enabled: boolean;
  private readonly methodLimits = new Map<string, RateLimit>();
  private readonly perChannel: RateLimit;
  private readonly escalateAfter: number;
  private readonly methodBuckets = new Map<string, Bucket>();
  private readonly channelBuckets = new Map<string, Bucket>();
  /** Key (`method` or `method channel`) → time before which nothing on it is called. */
  private readonly pauses = new Map<string, number>();
  private pruneAt = PRUNE_AT;

  constructor(options: PacingOptions = {}) {
    this.clock = options.clock ?? (() => performance.now());
    this.sleep = options.sleep ?? realSleep;
    this.enabled = options.enabled ?? true;
    this.escalateAfter = Math.max(1, options.escalateAfterChannels ?? 3);
    const posts = options.postMessagePerMinute ?? DEFAULT_POST_MESSAGE_PER_MINUTE;
    this.methodLimits.set('chat.postMessage', {
      perMinute: posts,
      burst: options.postMessageBurst ?? Math.max(1, Math.floor(posts / 10)),
    });
    for (const [method, limit] of Object.entries(DEFAULT_METHOD_LIMITS)) this.methodLimits.set(method, limit);
    for (const [method, limit] of Object.entries(options.methods ?? {})) {
      if (limit === null) this.methodLimits.delete(method);
      else this.methodLimits.set(method, limit);
    }
    this.perChannel = options.perChannel ?? DEFAULT_PER_CHANNEL;
    // Fail at construction, not at the first call, on a bad budget.
    for (const limit of [...this.methodLimits.values(), this.perChannel]) new Bucket(limit);
  }

  /** Milliseconds until a call to `method` (in `channel`) may go, without reserving it. */
  readyIn(method: string, channel?: string): number {
    const now = this.clock();
    return Math.max(0, this.earliest(method, channel, now) - now);
  }

  /** Milliseconds a 429 still holds `method` (in `channel`). */
  pausedFor(method: string, channel?: string): number {
    const now = this.clock();
    return Math.max(0, this.pauseEnd(method, channel) - now);
  }

  /**
   * Reserves the earliest slot for a call and answers how many milliseconds away it is (0: go now). The
   * caller must wait that long, then check {@link pausedFor} (a 429 may have come in meanwhile).
   */
  reserve(method: string, channel?: string): number {
    const now = this.clock();
    const at = Math.max(now, this.earliest(method, channel, now));
    if (this.enabled) {
      this.methodBucket(method)?.take(at);
      this.channelBucket(method, channel)?.take(at);
    }
    return at - now;
  }

  /** Waits the minimum time after which a call to `method` (in `channel`) keeps within every budget and pause. */
  async acquire(method: string, channel?: string): Promise<void> {
    let wait = this.reserve(method, channel);
    while (wait > 0) {
      await this.sleep(wait);
      wait = this.pausedFor(method, channel);
    }
  }

  /**
   * A 429 for `method` (in `channel`, when Slack limits it per channel): nothing on that key is called for
   * `ms`. Other channels and other methods go on, unless 429s came from several channels of the method at
   * once, which is the workspace's cap: then the whole method waits.
   */
  pause(method: string, channel: string | undefined, ms: number): void {
    const now = this.clock();
    const until = now + Math.max(0, ms);
    const perChannel = channel !== undefined && PER_CHANNEL_METHODS.has(method);
    const key = perChannel ? channelKey(method, channel) : method;
    this.pauses.set(key, Math.max(this.pauses.get(key) ?? 0, until));
    if (perChannel) {
      const prefix = channelKey(method, '');
      let held = 0;
      for (const [k, end] of this.pauses) if (end > now && k.startsWith(prefix)) held++;
      if (held >= this.escalateAfter) this.pauses.set(method, Math.max(this.pauses.get(method) ?? 0, until));
    }
    this.prune(now);
  }

  private earliest(method: string, channel: string | undefined, now: number): number {
    let at = this.pauseEnd(method, channel);
    if (this.enabled) {
      at = Math.max(at, this.methodBucket(method)?.earliest() ?? at);
      at = Math.max(at, this.channelBucket(method, channel)?.earliest() ?? at);
    }
    this.prune(now);
    return at;
  }

  private pauseEnd(method: string, channel: string | undefined): number {
    const own = channel === undefined ? 0 : (this.pauses.get(channelKey(method, channel)) ?? 0);
    return Math.max(own, this.pauses.get(method) ?? 0);
  }

  private methodBucket(method: string): Bucket | undefined {
    let bucket = this.methodBuckets.get(method);
    if (!bucket) {
      const limit = this.methodLimits.get(method);
      if (!limit) return undefined;
      bucket = new Bucket(limit);
      this.methodBuckets.set(method, bucket);
    }
    return bucket;
  }

  private channelBucket(method: string, channel: string | undefined): Bucket | undefined {
    if (channel === undefined || !PER_CHANNEL_METHODS.has(method)) return undefined;
    const key = channelKey(method, channel);
    let bucket = this.channelBuckets.get(key);
    if (!bucket) {
      bucket = new Bucket(this.perChannel);
      this.channelBuckets.set(key, bucket);
    }
    return bucket;
  }

  /** A 10,000-owner round touches 10,000 DM channels: forget the ones that are back to a full budget. */
  private prune(now: number): void {
    if (this.channelBuckets.size + this.pauses.size <= this.pruneAt) return;
    for (const [k, b] of this.channelBuckets) if (b.idleAt(now)) this.channelBuckets.delete(k);
    for (const [k, end] of this.pauses) if (end <= now) this.pauses.delete(k);
    // Amortised: what is still busy is not scanned again until the maps have doubled.
    this.pruneAt = Math.max(PRUNE_AT, 2 * (this.channelBuckets.size + this.pauses.size));
  }
}

function channelKey(method: string, channel: string): string {
  return `${method} ${channel}`;
}
