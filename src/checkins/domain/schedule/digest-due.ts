import type { Round } from './round.js';

/** The team-channel digest goes out once, when the round has ended (`now >= endsAt`). */
export function digestDue(round: Round, now: Date, alreadySent: boolean): boolean {
  return !alreadySent && now.getTime() >= round.endsAt.getTime();
}
