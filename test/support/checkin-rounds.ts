import type { LocalMessage } from '../../src/localslack/types.js';
import type { Harness } from './harness.js';

/** The outbox dedupe key a message was sent under (carried in its metadata). */
export function dedupeKeyOf(m: LocalMessage): string {
  return (m.metadata?.event_payload as { dedupe_key?: string } | undefined)?.dedupe_key ?? '';
}

/** Messages of one kind (`checkin-prompt`, `checkin-nudge`, `checkin-digest`…) in a DM or channel. */
export function messagesOfKind(h: Harness, channelOrUser: string, kind: string): LocalMessage[] {
  return h.slack.messages(channelOrUser).filter((m) => dedupeKeyOf(m).startsWith(`${kind}:`));
}

/** Moves the clock to `at` and runs every scheduled job once, failing the test if a job failed. */
export async function tickAt(h: Harness, at: Date) {
  h.clock.set(at);
  const report = await h.bot.tick(at);
  for (const [name, result] of Object.entries(report.jobs)) {
    if ('error' in result) throw new Error(`job ${name} failed: ${result.error}`);
  }
  return report;
}
