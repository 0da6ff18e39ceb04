/**
 * Decides when a view's live feedback reaches Slack. Typing fires an event per character and the draft is
 * linted on every one of them (it costs a fraction of a millisecond); `views.update` is called only when
 * what the person would read changes, and then at once, but at most once per `intervalMs` per view: a
 * change within the interval is sent when the interval is up (the newest one, so the person reads the
 * feedback for what they typed last). A workspace-wide token bucket keeps all views together within
 * `views.update`'s rate tier.
 *
 * A keystroke carries the view's hash as the person's Slack client saw it. When that is the hash okrbot's
 * own last update replaced (the keystroke was sent before the update arrived), the update is sent with the
 * newer hash; any other stale hash is Slack's `hash_conflict` (someone else's update won) and is dropped.
 */

/** One offer of new feedback for a view. */
export interface ViewUpdate {
  /** What the person would read after this update (a signature: only compared, see `readableSignature`). */
  reads: string;
  /** What the person reads in the view now, from the payload that brought the keystroke. */
  readsNow: string;
  /** The view's hash as the keystroke saw it. */
  hash: string | undefined;
  /** Calls `views.update` with `hash`; resolves to the view's new hash, or `undefined` when Slack refused it as stale. */
  send(hash: string | undefined): Promise<string | undefined>;
}

/** How long without a keystroke counts as a pause in typing (the default `pauseMs`). */
export const PAUSE_MS = 800;

export interface DebouncerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

export interface ViewUpdateDebouncerOptions {
  /** At most one `views.update` per view per this many ms (default 1000). */
  intervalMs?: number;
  /** Workspace-wide budget: sustained calls per minute (default 600) and burst (default 60). */
  perMinute?: number;
  burst?: number;
  /** Forget a view after this long without typing (default 15 minutes). */
  idleMs?: number;
  /** A keystroke's `whenPaused` feedback is offered after this long without another keystroke (default 800). */
  pauseMs?: number;
  clock?: DebouncerClock;
  onError?: (error: unknown) => void;
  /** Registers background work, so shutdown waits for it. */
  track?: (work: Promise<unknown>) => void;
  /**
   * Runs what a timer brings due (a held update, the feedback after a pause): okrbot queues it behind the
   * acks of requests being answered, so an update due in the middle of a burst waits for the burst.
   */
  defer?: (work: () => void) => void;
}

interface ViewState {
  /** Signature of the last update sent (in flight or landed); undefined when unknown (e.g. after a conflict). */
  shown: string | undefined;
  lastSentAt: number;
  inFlight: boolean;
  pending: ViewUpdate | undefined;
  timer: unknown;
  /** The feedback to offer when the person stops typing, and its timer (reset by every keystroke). */
  pause: { update: ViewUpdate; timer: unknown } | undefined;
  /** okrbot's last update of this view: it replaced hash `from` with `to`. */
  replaced: { from: string | undefined; to: string } | undefined;
  touchedAt: number;
}

const systemClock: DebouncerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout),
};

export class ViewUpdateDebouncer {
  private readonly views = new Map<string, ViewState>();
  private readonly intervalMs: number;
  private readonly perMinute: number;
  private readonly burst: number;
  private readonly idleMs: number;
  private readonly pauseMs: number;
  private readonly clock: DebouncerClock;
  private readonly onError: (error: unknown) => void;
  private readonly track: (work: Promise<unknown>) => void;
  private readonly defer: (work: () => void) => void;
  private tokens: number;
  private refilledAt: number;
  private sweptAt: number;

  /**
   * `new ViewUpdateDebouncer(options)`. The older positional form `(quietMs, maxWaitMs, onError, track)` is
   * still accepted for its `onError` and `track`; its two timings belonged to the fixed debounce and are ignored.
   */
  constructor(
    options: ViewUpdateDebouncerOptions | number = {},
    _maxWaitMs?: number,
    onError?: (error: unknown) => void,
    track?: (work: Promise<unknown>) => void,
  ) {
    if (typeof options === 'number')
      options = { ...(onError ? { onError } : {}), ...(track ? { track } : {}) };
    this.intervalMs = options.intervalMs ?? 1000;
    this.perMinute = options.perMinute ?? 600;
    this.burst = options.burst ?? 60;
    this.idleMs = options.idleMs ?? 15 * 60_000;
    this.pauseMs = options.pauseMs ?? PAUSE_MS;
    this.clock = options.clock ?? systemClock;
    this.onError = options.onError ?? (() => {});
    this.track = options.track ?? (() => {});
    this.defer = options.defer ?? ((work) => work());
    this.tokens = this.burst;
    this.refilledAt = this.clock.now();
    this.sweptAt = this.refilledAt;
  }

  /**
   * New feedback for `viewId`: sent now, later (the newest wins), or not at all when nothing readable changed.
   * `whenPaused` (feedback on a word still being typed) is offered in its place if no keystroke follows
   * within `pauseMs`.
   */
  offer(viewId: string, update: ViewUpdate, whenPaused?: ViewUpdate): void {
    const now = this.clock.now();
    this.sweep(now);
    let state = this.views.get(viewId);
    if (!state) {
      state = {
        shown: undefined,
        lastSentAt: Number.NEGATIVE_INFINITY,
        inFlight: false,
        pending: undefined,
        timer: undefined,
        pause: undefined,
        replaced: undefined,
        touchedAt: now,
      };
      this.views.set(viewId, state);
    }
    state.touchedAt = now;
    this.dropPause(state);
    if (whenPaused && whenPaused.reads !== update.reads) {
      const current = state;
      const timer = this.clock.setTimeout(() => {
        this.defer(() => {
          if (current.pause?.timer !== timer) return;
          current.pause = undefined;
          if (this.views.get(viewId) === current) this.offer(viewId, whenPaused);
        });
      }, this.pauseMs);
      state.pause = { update: whenPaused, timer };
    }
    const shown = state.shown ?? update.readsNow;
    if (update.reads === shown) {
      // What the person reads (or will read once the update in flight lands) is already right.
      this.dropPending(state);
      return;
    }
    state.pending = update;
    this.plan(viewId, state);
  }

  /** Drops anything pending for the view and forgets it (e.g. when okrbot updates it another way). */
  cancel(viewId: string): void {
    const state = this.views.get(viewId);
    if (!state) return;
    this.dropPending(state);
    this.dropPause(state);
    if (!state.inFlight) this.views.delete(viewId);
    else {
      state.shown = undefined;
      state.replaced = undefined;
    }
  }

  /** Views with an update waiting. */
  get size(): number {
    let n = 0;
    for (const s of this.views.values()) if (s.pending) n++;
    return n;
  }

  private dropPause(state: ViewState): void {
    if (state.pause) this.clock.clearTimeout(state.pause.timer);
    state.pause = undefined;
  }

  private dropPending(state: ViewState): void {
    state.pending = undefined;
    if (state.timer !== undefined) this.clock.clearTimeout(state.timer);
    state.timer = undefined;
  }

  /** Sends the pending update now if the view's interval and the budget allow, else sets a timer for when they will. */
  private plan(viewId: string, state: ViewState): void {
    if (!state.pending || state.inFlight || state.timer !== undefined) return;
    const now = this.clock.now();
    const wait = Math.max(state.lastSentAt + this.intervalMs - now, this.budgetWait(now), 0);
    if (wait <= 0) {
      this.flush(viewId, state);
      return;
    }
    const timer = this.clock.setTimeout(() => {
      this.defer(() => {
        if (state.timer !== timer) return;
        state.timer = undefined;
        this.plan(viewId, state);
      });
    }, wait);
    state.timer = timer;
  }

  private budgetWait(now: number): number {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) * this.perMinute) / 60_000);
    this.refilledAt = now;
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 60_000) / this.perMinute);
  }

  private flush(viewId: string, state: ViewState): void {
    const update = state.pending;
    if (!update) return;
    state.pending = undefined;
    state.inFlight = true;
    state.lastSentAt = this.clock.now();
    this.tokens -= 1;
    state.shown = update.reads;
    const hash = state.replaced && update.hash === state.replaced.from ? state.replaced.to : update.hash;
    const run = (async () => {
      try {
        const newHash = await update.send(hash);
        if (newHash === undefined) {
          state.shown = undefined;
          state.replaced = undefined;
        } else state.replaced = { from: hash, to: newHash };
      } catch (error) {
        state.shown = undefined;
        this.onError(error);
      } finally {
        state.inFlight = false;
        if (this.views.get(viewId) === state) this.plan(viewId, state);
      }
    })();
    this.track(run);
  }

  private sweep(now: number): void {
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    for (const [id, s] of this.views) {
      if (!s.pending && !s.pause && !s.inFlight && now - s.touchedAt > this.idleMs) this.views.delete(id);
    }
  }
}

/**
 * What a person reads in a view, as a comparable string: every block's id and type and the text in it,
 * leaving out inputs' initial values (Slack keeps what was typed into an input whose block and action ids
 * stay the same). Works the same on a view okrbot built and on the view Slack sends back.
 */
export function readableSignature(blocks: unknown): string {
  if (!Array.isArray(blocks)) return '';
  const out: string[] = [];
  const walk = (node: unknown, key: string): void => {
    if (typeof node === 'string') {
      if (key === 'text' || key === 'value' || key === 'action_id' || key === 'url') out.push(node);
      return;
    }
    if (Array.isArray(node)) {
      for (const n of node) walk(n, key);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('initial_')) continue;
      walk(v, k);
    }
  };
  for (const block of blocks as Array<Record<string, unknown>>) {
    out.push(`\u0000${String(block?.type)}#${String(block?.block_id ?? '')}`);
    walk(block, '');
  }
  return out.join('\u0001');
}
