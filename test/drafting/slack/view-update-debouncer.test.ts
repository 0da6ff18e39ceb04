import { describe, expect, it } from 'vitest';
import {
  type DebouncerClock,
  readableSignature,
  type ViewUpdate,
  ViewUpdateDebouncer,
} from '../../../src/drafting/slack/view-update-debouncer.js';

/** A clock the test moves by hand; timers fire in time order as it moves. */
class FakeClock implements DebouncerClock {
  t = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private seq = 0;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers.delete(id as number);
  };
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await flushPromises();
      const next = [...this.timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      this.timers.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
    }
    this.t = end;
    await flushPromises();
  }
}
const flushPromises = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** A view in a pretend Slack: updates with a matching (or no) hash land and change the hash. */
function setup(options: { perMinute?: number; burst?: number } = {}) {
  const clock = new FakeClock();
  const sent: Array<{ at: number; reads: string; hash: string | undefined; ok: boolean }> = [];
  let hash = 'h0';
  let n = 0;
  const debouncer = new ViewUpdateDebouncer({ clock, ...options });
  const offer = (reads: string, opts: { readsNow?: string; hash?: string; view?: string } = {}) => {
    const update: ViewUpdate = {
      reads,
      readsNow: opts.readsNow ?? 'start',
      hash: opts.hash ?? hash,
      send: async (h) => {
        const ok = h === undefined || h === hash;
        sent.push({ at: clock.now(), reads, hash: h, ok });
        if (!ok) return undefined;
        hash = `h${++n}`;
        return hash;
      },
    };
    debouncer.offer(opts.view ?? 'V1', update);
  };
  return { clock, sent, offer, debouncer, hash: () => hash };
}

describe('ViewUpdateDebouncer', () => {
  it('sends a change at once, and nothing when what the person reads is unchanged', async () => {
    const { clock, sent, offer } = setup();
    offer('start'); // the keystroke did not change the feedback
    await clock.advance(0);
    expect(sent).toEqual([]);
    offer('A');
    await clock.advance(0);
    expect(sent.map((s) => [s.at, s.reads])).toEqual([[0, 'A']]);
    offer('A', { readsNow: 'A' });
    await clock.advance(5000);
    expect(sent).toHaveLength(1);
  });

  it('sends at most once a second per view: a later change waits for the second, and the newest one wins', async () => {
    const { clock, sent, offer, hash } = setup();
    offer('A');
    await clock.advance(200);
    offer('B', { readsNow: 'A' });
    await clock.advance(300);
    offer('C', { readsNow: 'A' });
    await clock.advance(400);
    expect(sent.map((s) => s.reads)).toEqual(['A']);
    await clock.advance(100);
    expect(sent.map((s) => [s.at, s.reads, s.ok])).toEqual([
      [0, 'A', true],
      [1000, 'C', true],
    ]);
    expect(hash()).toBe('h2');
  });

  it('drops a waiting update when the feedback goes back to what is shown', async () => {
    const { clock, sent, offer } = setup();
    offer('A');
    await clock.advance(100);
    offer('B', { readsNow: 'A' });
    await clock.advance(100);
    offer('A', { readsNow: 'A' });
    await clock.advance(3000);
    expect(sent.map((s) => s.reads)).toEqual(['A']);
  });

  it('a change after a quiet second is sent at once', async () => {
    const { clock, sent, offer } = setup();
    offer('A');
    await clock.advance(1500);
    offer('B', { readsNow: 'A' });
    await clock.advance(0);
    expect(sent.map((s) => [s.at, s.reads])).toEqual([
      [0, 'A'],
      [1500, 'B'],
    ]);
  });

  it("uses okrbot's newer hash for a keystroke sent before its update arrived, and drops other stale hashes", async () => {
    const { clock, sent, offer } = setup();
    offer('A', { hash: 'h0' });
    await clock.advance(10);
    offer('B', { hash: 'h0', readsNow: 'start' }); // typed before the client saw h1
    await clock.advance(1000);
    expect(sent.map((s) => [s.reads, s.hash, s.ok])).toEqual([
      ['A', 'h0', true],
      ['B', 'h1', true],
    ]);
    offer('C', { hash: 'someone-else', readsNow: 'B' });
    await clock.advance(1000);
    expect(sent.at(-1)).toMatchObject({ reads: 'C', hash: 'someone-else', ok: false });
    // after a conflict what is shown is unknown: the next keystroke's view decides
    offer('D', { readsNow: 'B' });
    await clock.advance(1000);
    expect(sent.at(-1)).toMatchObject({ reads: 'D', ok: true });
  });

  it('cancel drops what is waiting', async () => {
    const { clock, sent, offer, debouncer } = setup();
    offer('A');
    offer('B', { readsNow: 'A' });
    expect(debouncer.size).toBe(1);
    debouncer.cancel('V1');
    await clock.advance(2000);
    expect(sent.map((s) => s.reads)).toEqual(['A']);
  });

  it('keeps all views together within the workspace budget', async () => {
    const { clock, sent, offer } = setup({ perMinute: 60, burst: 2 });
    for (const v of ['V1', 'V2', 'V3', 'V4']) offer(`A-${v}`, { view: v, hash: undefined as never });
    await clock.advance(0);
    expect(sent).toHaveLength(2);
    await clock.advance(1000);
    expect(sent).toHaveLength(3);
    await clock.advance(1000);
    expect(sent.map((s) => s.at)).toEqual([0, 0, 1000, 2000]);
  });
});

describe('readableSignature', () => {
  it("ignores inputs' initial values and sees feedback text and block ids", () => {
    const input = (v: string, id = 'kr_text_0') => ({
      type: 'input',
      block_id: id,
      label: { type: 'plain_text', text: 'Key result 1' },
      element: { type: 'plain_text_input', action_id: 'kr_text', initial_value: v },
    });
    const feedback = (t: string) => ({
      type: 'context',
      block_id: 'kr_feedback_0',
      elements: [{ type: 'mrkdwn', text: t }],
    });
    const a = readableSignature([input('Run 1'), feedback('Activity')]);
    expect(readableSignature([input('Run 12 webinars'), feedback('Activity')])).toBe(a);
    // Slack sends blocks back with fields okrbot did not set
    expect(
      readableSignature([
        { ...input('x'), dispatch_action: true },
        { ...feedback('Activity'), elements: [{ type: 'mrkdwn', text: 'Activity', verbatim: false }] },
      ]),
    ).toBe(a);
    expect(readableSignature([input('Run 1'), feedback('Outcome')])).not.toBe(a);
    expect(readableSignature([input('Run 1', 'kr_text_0_r1'), feedback('Activity')])).not.toBe(a);
  });
});

describe('ViewUpdateDebouncer: feedback for when the person pauses', () => {
  const update = (reads: string, sent: string[]): ViewUpdate => ({
    reads,
    readsNow: 'start',
    hash: undefined,
    send: async () => {
      sent.push(reads);
      return `h-${reads}`;
    },
  });

  it('offers the paused feedback after pauseMs without a keystroke', async () => {
    const clock = new FakeClock();
    const sent: string[] = [];
    const debouncer = new ViewUpdateDebouncer({ clock, pauseMs: 800 });
    debouncer.offer('V1', update('start', sent), update('Activity', sent));
    await clock.advance(799);
    expect(sent).toEqual([]);
    await clock.advance(1);
    expect(sent).toEqual(['Activity']);
  });

  it('starts the pause again on every keystroke, and a finished word replaces it', async () => {
    const clock = new FakeClock();
    const sent: string[] = [];
    const debouncer = new ViewUpdateDebouncer({ clock, pauseMs: 800 });
    debouncer.offer('V1', update('start', sent), update('L', sent));
    await clock.advance(500);
    debouncer.offer('V1', update('start', sent), update('La', sent));
    await clock.advance(500);
    expect(sent).toEqual([]); // 1 s since the first keystroke, 500 ms since the last
    await clock.advance(300);
    expect(sent).toEqual(['La']);
    // A keystroke with nothing left to judge later (the word was finished) cancels a pause still waiting.
    debouncer.offer('V1', update('La', sent), update('Lau', sent));
    await clock.advance(100);
    debouncer.offer('V1', update('Launch ', sent));
    await clock.advance(5000);
    expect(sent).toEqual(['La', 'Launch ']);
  });

  it('sends nothing after the pause when it reads as what is shown', async () => {
    const clock = new FakeClock();
    const sent: string[] = [];
    const debouncer = new ViewUpdateDebouncer({ clock, pauseMs: 800 });
    debouncer.offer('V1', update('Outcome', sent), update('Outcome', sent));
    await clock.advance(5000);
    expect(sent).toEqual(['Outcome']);
  });

  it('forgets the pause of a view that is cancelled', async () => {
    const clock = new FakeClock();
    const sent: string[] = [];
    const debouncer = new ViewUpdateDebouncer({ clock, pauseMs: 800 });
    debouncer.offer('V1', update('start', sent), update('Activity', sent));
    debouncer.cancel('V1');
    await clock.advance(5000);
    expect(sent).toEqual([]);
  });
});

describe('ViewUpdateDebouncer: work a timer brings due', () => {
  it('goes through `defer` (behind the acks of a burst), and a held update still lands once', async () => {
    const clock = new FakeClock();
    const sent: string[] = [];
    const deferred: Array<() => void> = [];
    const debouncer = new ViewUpdateDebouncer({ clock, defer: (work) => deferred.push(work) });
    const update = (reads: string): ViewUpdate => ({
      reads,
      readsNow: 'start',
      hash: undefined,
      send: async () => {
        sent.push(reads);
        return `h-${reads}`;
      },
    });
    debouncer.offer('V1', update('A')); // at once: not a timer's work
    await clock.advance(0);
    debouncer.offer('V1', update('B')); // within the second: held
    await clock.advance(1000);
    expect(sent).toEqual(['A']);
    expect(deferred).toHaveLength(1); // due, waiting for the burst
    for (const work of deferred.splice(0)) work();
    await clock.advance(0);
    expect(sent).toEqual(['A', 'B']);
  });
});
