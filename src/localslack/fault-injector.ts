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
