import type { ApiCall } from './types.js';

interface Waiter {
  predicate: (c: ApiCall) => boolean;
  resolve: (c: ApiCall) => void;
  reject: (e: unknown) => void;
}

/** Short one-line description of a call, for timeout messages. */
export function describeCall(c: ApiCall): string {
  const args = JSON.stringify(c.args);
  const result = c.response.ok === true ? 'ok' : `error=${String(c.response.error ?? c.status)}`;
  return `${c.method} ${args.length > 160 ? `${args.slice(0, 157)}...` : args} -> ${c.status} ${result}`;
}

/** The local Slack's call log, with waiting helpers. */
export class CallLog {
  readonly calls: ApiCall[] = [];
  private readonly waiters = new Set<Waiter>();
  private inFlight = 0;
  private lastActivity = performance.now();

  add(call: ApiCall): void {
    this.calls.push(call);
    for (const w of [...this.waiters]) {
      let hit = false;
      try {
        hit = w.predicate(call);
      } catch (e) {
        this.waiters.delete(w);
        w.reject(e);
        continue;
      }
      if (hit) {
        this.waiters.delete(w);
        w.resolve(call);
      }
    }
  }

  begin(): void {
    this.inFlight += 1;
    this.lastActivity = performance.now();
  }

  end(): void {
    this.inFlight -= 1;
    this.lastActivity = performance.now();
  }

  clear(): void {
    this.calls.length = 0;
  }

  recent(n = 15): string {
    if (this.calls.length === 0) return '  (no calls)';
    return this.calls
      .slice(-n)
      .map((c) => `  ${describeCall(c)}`)
      .join('\n');
  }

  waitFor(predicate: (c: ApiCall) => boolean, timeoutMs: number): Promise<ApiCall> {
    const existing = this.calls.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise<ApiCall>((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (c) => {
          clearTimeout(timer);
          resolve(c);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(
            `LocalSlack.waitFor: no matching call within ${timeoutMs} ms. Recent calls (oldest first):\n${this.recent()}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  async waitForIdle(quietMs: number, timeoutMs: number): Promise<void> {
    const start = performance.now();
    for (;;) {
      const now = performance.now();
      if (this.inFlight === 0 && now - this.lastActivity >= quietMs) return;
      if (now - start > timeoutMs) {
        throw new Error(
          `LocalSlack.waitForIdle: still busy after ${timeoutMs} ms (${this.inFlight} in flight). Recent calls:\n${this.recent()}`,
        );
      }
      await new Promise((r) => setTimeout(r, Math.max(5, Math.min(quietMs / 4, 25))));
    }
  }
}
