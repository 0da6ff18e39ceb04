import { afterEach, describe, expect, it, vi } from 'vitest';
import { HomeRefresher } from '../../src/home/index.js';

function refresher(quietMs = 100, maxWaitMs = 1_000) {
  const calls: Array<[string, string[]]> = [];
  const tracked: Promise<unknown>[] = [];
  const r = new HomeRefresher({
    refresh: async (teamId, actors) => {
      calls.push([teamId, [...actors].sort()]);
    },
    track: (w) => tracked.push(w),
    onError: (e) => {
      throw e;
    },
    quietMs,
    maxWaitMs,
  });
  return { r, calls, tracked };
}

describe('the Home refresher', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits while requests wait for their acks, and no longer than maxWaitMs', async () => {
    vi.useFakeTimers();
    let busy = true;
    const calls: string[][] = [];
    const r = new HomeRefresher({
      refresh: async (_teamId, actors) => {
        calls.push(actors);
      },
      track: () => {},
      onError: () => {},
      quietMs: 100,
      maxWaitMs: 1_000,
      busy: () => busy,
      busyRetryMs: 20,
    });
    r.touch('T1', ['U1']);
    await vi.advanceTimersByTimeAsync(300);
    expect(calls).toEqual([]); // due at 100 ms, but a burst is being answered
    busy = false;
    await vi.advanceTimersByTimeAsync(20);
    expect(calls).toEqual([['U1']]);
    // A burst that never ends does not hold a refresh back for ever.
    busy = true;
    r.touch('T1', ['U2']);
    await vi.advanceTimersByTimeAsync(900);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls).toEqual([['U1'], ['U2']]);
  });

  it('collects a burst per workspace and refreshes once when the workspace has been quiet', async () => {
    vi.useFakeTimers();
    const { r, calls, tracked } = refresher(100, 10_000);
    for (let i = 0; i < 50; i++) {
      r.touch('T1', [`U${i % 10}`]);
      await vi.advanceTimersByTimeAsync(50);
    }
    // T1's last touch was 50 ms ago; T2 is touched now: each is refreshed 100 ms after its own last touch.
    r.touch('T2', ['U9']);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(49);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([['T1', ['U0', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9']]]);
    await vi.advanceTimersByTimeAsync(50);
    expect(calls).toEqual([
      ['T1', ['U0', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9']],
      ['T2', ['U9']],
    ]);
    expect(tracked).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(2);
  });

  it('a burst that never goes quiet is refreshed after the longest wait', async () => {
    vi.useFakeTimers();
    const { r, calls } = refresher(100, 1_000);
    for (let i = 0; i < 30; i++) {
      r.touch('T1', ['U1']);
      await vi.advanceTimersByTimeAsync(60);
    }
    // 1,800 ms of touches 60 ms apart: refreshed at 1,000 ms, then again 100 ms after the last touch.
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(2);
  });

  it('settle refreshes what is pending now; stop drops what is pending and ignores later touches', async () => {
    const { r, calls } = refresher(60_000);
    r.touch('T1', ['U1']);
    r.touch('T1', ['U2']);
    await r.settle();
    expect(calls).toEqual([['T1', ['U1', 'U2']]]);
    r.touch('T1', ['U3']);
    r.stop();
    r.touch('T1', ['U4']);
    await r.settle();
    expect(calls).toHaveLength(1);
  });

  it('a touch while a refresh runs is refreshed after it, not alongside it', async () => {
    let release: () => void = () => {};
    const order: string[] = [];
    const r = new HomeRefresher({
      refresh: async (_t, actors) => {
        order.push(`start ${actors.join(',')}`);
        if (actors.includes('U1')) await new Promise<void>((res) => (release = res));
        order.push(`end ${actors.join(',')}`);
      },
      track: () => {},
      onError: () => {},
      quietMs: 60_000,
    });
    r.touch('T1', ['U1']);
    const first = r.flush('T1');
    r.touch('T1', ['U2']);
    const second = r.flush('T1');
    await new Promise((res) => setTimeout(res, 10));
    expect(order).toEqual(['start U1']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['start U1', 'end U1', 'start U2', 'end U2']);
  });
});
