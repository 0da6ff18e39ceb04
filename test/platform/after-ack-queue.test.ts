import { describe, expect, it } from 'vitest';
import { AfterAckQueue } from '../../src/platform/http/after-ack-queue.js';

const busyFor = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
};
const turn = () => new Promise((r) => setImmediate(r));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('work queued after an ack', () => {
  it('runs later, in order, and one failure does not stop the rest', async () => {
    const errors: unknown[] = [];
    const queue = new AfterAckQueue({ onError: (e) => errors.push(e) });
    const ran: number[] = [];
    queue.push(() => ran.push(1));
    queue.push(() => {
      throw new Error('lint blew up');
    });
    queue.push(() => ran.push(3));
    expect(ran).toEqual([]); // not on the ack's path
    await turn();
    await turn();
    expect(ran).toEqual([1, 3]);
    expect(errors).toHaveLength(1);
    expect(queue.size).toBe(0);
  });

  it('lets the event loop read new requests between slices of work', async () => {
    const queue = new AfterAckQueue({ sliceMs: 1 });
    const order: string[] = [];
    queue.push(() => {
      busyFor(3);
      order.push('lint 1');
      // Stands in for a request that arrives meanwhile: it must get in before the next piece of work.
      setImmediate(() => order.push('request'));
    });
    queue.push(() => order.push('lint 2'));
    for (let i = 0; i < 4; i++) await turn();
    expect(order).toEqual(['lint 1', 'request', 'lint 2']);
  });

  it('waits while requests are being answered, and runs once they are', async () => {
    let answering = 3;
    const queue = new AfterAckQueue({ busy: () => answering > 0, maxWaitMs: 10_000 });
    const ran: string[] = [];
    queue.push(() => ran.push('feedback'));
    await sleep(20);
    expect(ran).toEqual([]);
    answering = 0;
    await sleep(20);
    expect(ran).toEqual(['feedback']);
  });

  it('does not wait for ever on a server that is never idle', async () => {
    const queue = new AfterAckQueue({ busy: () => true, maxWaitMs: 30 });
    const ran: string[] = [];
    queue.push(() => ran.push('feedback'));
    await sleep(5);
    expect(ran).toEqual([]);
    await sleep(80);
    expect(ran).toEqual(['feedback']);
  });
});
