// The pacer (src/platform/slack/pacer.ts) on a fake clock: sleeping moves the clock, nothing really waits.
import { describe, expect, it } from 'vitest';
import { type PacingOptions, SlackPacer } from '../../../src/platform/slack/pacer.js';

function fakePacer(options: PacingOptions = {}) {
  const clock = { t: 0 };
  const pacer = new SlackPacer({
    ...options,
    clock: () => clock.t,
    sleep: async (ms) => {
      clock.t += ms;
    },
  });
  /** Acquires in order and answers the (fake) time each call went. */
  const times = async (calls: Array<[string, string?]>) => {
    const at: number[] = [];
    for (const [method, channel] of calls) {
      await pacer.acquire(method, channel);
      at.push(clock.t);
    }
    return at;
  };
  return { pacer, clock, times };
}

const WIDE = { perMinute: 60_000, burst: 1000 };

describe('the Slack pacer', () => {
  it('keeps chat.postMessage to the workspace budget, whatever the channel', async () => {
    const { times } = fakePacer({ postMessagePerMinute: 60, postMessageBurst: 1, perChannel: WIDE });
    expect(
      await times([
        ['chat.postMessage', 'U1'],
        ['chat.postMessage', 'U2'],
        ['chat.postMessage', 'U3'],
      ]),
    ).toEqual([0, 1000, 2000]);
  });

  it('lets a burst go at once, then one per interval', async () => {
    const { times } = fakePacer({ postMessagePerMinute: 600, postMessageBurst: 3, perChannel: WIDE });
    const calls = Array.from({ length: 6 }, (_, i): [string, string] => ['chat.postMessage', `U${i}`]);
    expect(await times(calls)).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it('refills while idle, up to the burst', async () => {
    const { times, clock } = fakePacer({ postMessagePerMinute: 60, postMessageBurst: 2, perChannel: WIDE });
    await times([
      ['chat.postMessage', 'U1'],
      ['chat.postMessage', 'U2'],
    ]);
    clock.t = 10_000;
    expect(
      await times([
        ['chat.postMessage', 'U3'],
        ['chat.postMessage', 'U4'],
        ['chat.postMessage', 'U5'],
      ]),
    ).toEqual([10_000, 10_000, 11_000]);
  });

  it('keeps each channel to about one message a second, without slowing other channels', async () => {
    const { times } = fakePacer({ postMessagePerMinute: 60_000, perChannel: { perMinute: 60 } });
    expect(
      await times([
        ['chat.postMessage', 'C1'],
        ['chat.postMessage', 'C2'],
        ['chat.postMessage', 'C1'],
        ['chat.postMessage', 'C3'],
      ]),
    ).toEqual([0, 0, 1000, 1000]);
  });

  it('paces each method to its tier, on its own budget', async () => {
    const { pacer, clock } = fakePacer({ methods: { 'chat.update': { perMinute: 50 } } });
    await pacer.acquire('chat.update');
    expect(pacer.readyIn('chat.update')).toBe(1200);
    expect(pacer.readyIn('views.publish')).toBe(0);
    expect(pacer.readyIn('chat.postMessage', 'C1')).toBe(0);
    await pacer.acquire('chat.update');
    expect(clock.t).toBe(1200);
  });

  it('has Slack tiers by default: chat.update 50/min, views.* 100/min, conversations.open 50/min', async () => {
    const { pacer } = fakePacer();
    const drain = (method: string) => {
      while (pacer.readyIn(method) === 0) pacer.reserve(method);
      return pacer.readyIn(method);
    };
    expect(drain('chat.update')).toBeCloseTo(1200);
    expect(drain('views.open')).toBeCloseTo(600);
    expect(drain('conversations.open')).toBeCloseTo(1200);
    expect(pacer.readyIn('unknown.method')).toBe(0);
  });

  it('readyIn does not reserve; reserve does', () => {
    const { pacer } = fakePacer({ postMessagePerMinute: 60, postMessageBurst: 1 });
    expect(pacer.readyIn('chat.postMessage', 'C1')).toBe(0);
    expect(pacer.readyIn('chat.postMessage', 'C1')).toBe(0);
    expect(pacer.reserve('chat.postMessage', 'C1')).toBe(0);
    expect(pacer.reserve('chat.postMessage', 'C2')).toBe(1000);
    expect(pacer.readyIn('chat.postMessage', 'C3')).toBe(2000);
  });

  it('a 429 on one channel pauses that channel only', async () => {
    const { pacer, times } = fakePacer({ postMessagePerMinute: 60_000, perChannel: WIDE });
    pacer.pause('chat.postMessage', 'C1', 5000);
    expect(pacer.pausedFor('chat.postMessage', 'C1')).toBe(5000);
    expect(pacer.readyIn('chat.postMessage', 'C2')).toBe(0);
    expect(pacer.readyIn('chat.update')).toBe(0);
    expect(await times([['chat.postMessage', 'C2'], ['chat.update'], ['chat.postMessage', 'C1']])).toEqual([
      0, 0, 5000,
    ]);
  });

  it('a 429 on a method pauses that method only, in every channel', async () => {
    const { pacer, times } = fakePacer();
    pacer.pause('chat.update', undefined, 3000);
    expect(pacer.readyIn('chat.update')).toBe(3000);
    expect(pacer.readyIn('chat.postMessage', 'C1')).toBe(0);
    expect(await times([['chat.postMessage', 'C1'], ['views.publish'], ['chat.update']])).toEqual([
      0, 0, 3000,
    ]);
  });

  it('429s from several channels at once are the workspace cap: the whole method pauses', () => {
    const { pacer } = fakePacer({ escalateAfterChannels: 3 });
    pacer.pause('chat.postMessage', 'C1', 2000);
    pacer.pause('chat.postMessage', 'C2', 2000);
    expect(pacer.readyIn('chat.postMessage', 'C9')).toBe(0);
    pacer.pause('chat.postMessage', 'C3', 2000);
    expect(pacer.readyIn('chat.postMessage', 'C9')).toBe(2000);
    expect(pacer.readyIn('chat.update')).toBe(0);
  });

  it('a 429 that arrives while a call waits for its slot makes it wait the pause too', async () => {
    const clock = { t: 0 };
    let pauseOnSleep: (() => void) | undefined;
    const pacer = new SlackPacer({
      postMessagePerMinute: 60,
      postMessageBurst: 1,
      clock: () => clock.t,
      sleep: async (ms) => {
        clock.t += ms;
        pauseOnSleep?.();
        pauseOnSleep = undefined;
      },
    });
    await pacer.acquire('chat.postMessage', 'C1');
    pauseOnSleep = () => pacer.pause('chat.postMessage', 'C2', 4000);
    await pacer.acquire('chat.postMessage', 'C2'); // slot at 1000; the 429 at 1000 holds C2 until 5000
    expect(clock.t).toBe(5000);
  });

  it('can be turned off, keeping 429 pauses; methods can be left unpaced', async () => {
    const off = fakePacer({ enabled: false });
    expect(
      await off.times(Array.from({ length: 50 }, (): [string, string] => ['chat.postMessage', 'C1'])),
    ).toEqual(Array(50).fill(0));
    off.pacer.pause('chat.update', undefined, 1000);
    expect(off.pacer.readyIn('chat.update')).toBe(1000);
    const unpaced = fakePacer({ methods: { 'chat.update': null } });
    expect(await unpaced.times(Array.from({ length: 100 }, (): [string] => ['chat.update']))).toEqual(
      Array(100).fill(0),
    );
  });

  it('forgets idle channels, so 10,000 DMs do not pile up', async () => {
    const { pacer, clock } = fakePacer({ postMessagePerMinute: 600_000, postMessageBurst: 100 });
    for (let i = 0; i < 10_000; i++) {
      await pacer.acquire('chat.postMessage', `U${i}`);
      clock.t += 1;
    }
    const size = (pacer as unknown as { channelBuckets: Map<string, unknown> }).channelBuckets.size;
    expect(size).toBeLessThan(5000);
  });

  it('refuses a budget that is not positive', () => {
    expect(() => new SlackPacer({ postMessagePerMinute: 0 })).toThrow(RangeError);
  });
});
