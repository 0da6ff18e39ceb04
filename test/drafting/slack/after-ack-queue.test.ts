import { describe, expect, it } from 'vitest';
import { AfterAckQueue } from '../../../src/drafting/slack/after-ack-queue.js';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
};
const turn = () => new Promise((r) => setImmediate(r));

describe('work queued after an ack', () => {
  it('runs later, in order, and one failure does not stop the rest', async () => {
    const errors: unknown[] = [];
    const queue = new AfterAckQueue((e) => errors.push(e));
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
    const queue = new AfterAckQueue(() => {}, 1);
    const order: string[] = [];
    queue.push(() => {
      busy(3);
      order.push('lint 1');
      // Stands in for a request that arrives meanwhile: it must get in before the next piece of work.
      setImmediate(() => order.push('request'));
    });
    queue.push(() => order.push('lint 2'));
    for (let i = 0; i < 4; i++) await turn();
    expect(order).toEqual(['lint 1', 'request', 'lint 2']);
  });
});
