import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { markSentMany, type SentMark } from './store.js';

/**
 * The sent marks of one sender run, written in batches (one statement for up to `max` posts) instead of one
 * write per message, which was most of SQLite's work in a round.
 *
 * What a batch changes when the process dies: a post Slack accepted whose mark was not written yet stays
 * `sending` until its lease ends; the next claim takes it as recovered, and the sender looks it up in Slack
 * by its dedupe key before posting again (findAlreadyPosted), finds it, and marks it sent. So at most `max`
 * posts, or those accepted in the last `maxDelayMs`, cost a look-up after a crash instead of one post in
 * flight per lane; none is posted twice. Only `chat.postMessage` is batched: the other methods cannot be
 * looked up, so their marks are still written at once (see sender.ts).
 */
export class SentMarks {
  private marks: SentMark[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** The first write that failed: the run stops claiming and reports it. */
  failure: unknown;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly worker: string,
    private readonly max: number,
    private readonly maxDelayMs = SENT_MARK_MAX_DELAY_MS,
  ) {}

  /** Keeps the mark; writes the batch when it is full (the caller waits for it), or within `maxDelayMs`. */
  async add(mark: SentMark): Promise<void> {
    this.marks.push(mark);
    if (this.marks.length >= this.max) return this.flush();
    this.timer ??= setTimeout(() => void this.flush(), this.maxDelayMs);
  }

  /** Writes every mark kept so far, after the writes already under way. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.marks.length === 0) return this.writing;
    const batch = this.marks;
    this.marks = [];
    this.writing = this.writing
      .then(() => markSentMany(this.db, this.worker, batch))
      .catch((error: unknown) => {
        this.failure ??= error;
      });
    return this.writing;
  }

  /** Writes what is left; throws the first write that failed. */
  async close(): Promise<void> {
    await this.flush();
    if (this.failure !== undefined) throw this.failure;
  }
}

/** A sent mark waits at most this long to be written. */
export const SENT_MARK_MAX_DELAY_MS = 200;
