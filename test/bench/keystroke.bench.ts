// Keystroke → feedback: 20 people type key results into their /okr draft modals at once (about five characters
// a second each), okrbot in a child process, this process the local Slack. For every keystroke that changes
// what the person would read, the time from sending it to the local Slack recording a views.update that
// shows feedback for that text or newer. Also the views.update rate, against Tier 4 (100+ a minute).
// Settings: OKRBOT_BENCH_TYPISTS (default 20).
import { sampleSlackUsers } from '../../src/demo/sample-org.js';
import { typedDraft, typingFeedback } from '../../src/drafting/drafts.js';
import { PAUSE_MS, readableSignature } from '../../src/drafting/slack/view-update-debouncer.js';
import { draftModalView } from '../../src/drafting/slack/views/draft-modal.js';
import { parseDraftView } from '../../src/drafting/slack/views/draft-state.js';
import { LocalSlack } from '../../src/localslack/local-slack.js';
import { SignedClient } from '../../src/localslack/signed-client.js';
import type { AppContext } from '../../src/platform/context.js';
import { SIGNING_SECRET, startAppChild } from './ack-latency.bench.js';
import { type BenchRow, ms, quantile } from './report.js';

const NOW = '2026-11-23T01:00:00Z';
const TIER4 = { perMinute: 100, burst: 50 };
/** The budget okrbot's debouncer keeps within it: a fifth of the burst in hand. */
const BOT_BUDGET = { perMinute: 100, burst: 40 };
const SENTENCES = [
  'Increase offer acceptance from 72% to 88% by end of Q4',
  'Reduce time-to-hire from 52 to 30 days by December 31',
  'Conduct 20 manager training sessions by March 31',
  'Raise new-hire 90-day retention from 81% to 92% this quarter',
  'Launch a referral program',
  'Cut candidate drop-off after the first interview from 30% to 15%',
];

interface Keystroke {
  view: string;
  text: string;
  at: number;
  /** What the person would read after it (as okrbot's listener computes it). */
  reads: string;
  /** What they would read if they paused after it (a word still being typed counts then). */
  readsPaused: string;
  /** What the view showed when it was sent. */
  changes?: boolean;
}

export default async function keystroke(): Promise<BenchRow[]> {
  const typists = Number(process.env.OKRBOT_BENCH_TYPISTS ?? 20);
  const users = sampleSlackUsers();
  // The local Slack enforces views.update's Tier 4 budget as okrbot's pacer reads it: over it, 429.
  const slack = await LocalSlack.start({
    teamId: 'T0LOCAL',
    teamName: 'Acme People',
    users,
    rateLimits: { methods: { 'views.update': TIER4 } },
  });
  const okrbot = await startAppChild('okrbot', slack, { OKRBOT_BENCH_NOW: NOW });
  const client = new SignedClient({ appUrl: okrbot.url, signingSecret: SIGNING_SECRET, slack });
  // What okrbot's listener computes, to know which keystrokes change what the person reads.
  const ctx = { now: () => new Date(NOW), config: { defaultTimeZone: 'UTC' } } as unknown as AppContext;
  // As the listener judges it: the row's finished words at once, the whole text once the person pauses.
  const readsAfter = (viewId: string): { now: string; whenPaused: string } => {
    const payload = { ...slack.viewPayload(viewId), state: { values: client.stateValues(viewId) } };
    const draft = parseDraftView(payload)!;
    const feedback = typingFeedback(ctx, typedDraft(draft.meta, draft.values, 0), 0);
    const now = readableSignature(draftModalView(feedback.now).blocks);
    return {
      now,
      whenPaused: feedback.whenPaused ? readableSignature(draftModalView(feedback.whenPaused).blocks) : now,
    };
  };
  try {
    const views: string[] = [];
    for (let i = 0; i < typists; i++) {
      const user = users[i % users.length]!.id;
      const before = slack.callsTo('views.open').length;
      await client.slashCommand({ command: '/okr', text: 'draft Make hiring feel effortless', userId: user });
      const open = await slack.nthCall('views.open', before);
      views.push((open.response.view as { id: string }).id);
    }
    await slack.waitForIdle(300);
    slack.clearCalls();
    const keystrokes: Keystroke[] = [];
    const initial = new Map<string, string>();
    const started = Date.now();
    await Promise.all(
      views.map(async (viewId, i) => {
        const user = users[i % users.length]!.id;
        const text = SENTENCES[i % SENTENCES.length]!;
        initial.set(viewId, readableSignature(slack.view(viewId)?.blocks));
        await new Promise((r) => setTimeout(r, Math.random() * 200));
        for (let n = 1; n <= text.length; n++) {
          const typed = text.slice(0, n);
          client.setViewValue(viewId, 'kr_text_0', 'kr_text', typed);
          const after = readsAfter(viewId);
          keystrokes.push({
            view: viewId,
            text: typed,
            at: Date.now(),
            reads: after.now,
            readsPaused: after.whenPaused,
          });
          await client.typeInView(viewId, 'kr_text_0', 'kr_text', typed, user);
          await new Promise((r) => setTimeout(r, 150 + Math.random() * 100));
        }
      }),
    );
    await slack.waitForIdle(1500);
    const elapsed = (Date.now() - started) / 1000;
    const updates = slack
      .callsTo('views.update')
      .filter((c) => c.response.ok === true)
      .map((c) => {
        const blocks = (
          c.args.view as { blocks: Array<{ block_id?: string; element?: { initial_value?: string } }> }
        ).blocks;
        const text = blocks.find((b) => b.block_id?.startsWith('kr_text_0'))?.element?.initial_value ?? '';
        return { view: String(c.args.view_id), text, at: c.at, reads: readableSignature(blocks) };
      });
    // A keystroke changes the feedback when what the person would read after it differs from what they
    // would read after the keystroke before it (in the same view). Its latency runs to the first views.update
    // of that view showing its text or newer. A change within a second of the view's previous update may
    // not be sent before that second is up: it is "held", and measured from the end of that second. A change
    // due when okrbot's Tier 4 budget has no token waits for the budget and is counted apart.
    const byView = new Map<string, Keystroke[]>();
    for (const k of keystrokes) byView.set(k.view, [...(byView.get(k.view) ?? []), k]);
    for (const [view, list] of byView) {
      let before = initial.get(view);
      for (const k of list) {
        k.changes = k.reads !== before;
        before = k.reads;
      }
    }
    const rateLimited = slack.rateLimitedCount;
    const conflicts = slack
      .callsTo('views.update')
      .filter((c) => c.response.error === 'hash_conflict').length;
    // okrbot's own Tier 4 budget (as src/drafting/slack/listeners wires it), replayed over the updates sent:
    // a change due when it has no token waits for the budget, not for anything okrbot could do sooner.
    const sentTimes = updates.map((u) => u.at).sort((a, b) => a - b);
    const tokensAt = (t: number): number => {
      let tokens = BOT_BUDGET.burst;
      let last = started;
      for (const at of sentTimes) {
        if (at >= t) break;
        tokens = Math.min(BOT_BUDGET.burst, tokens + ((at - last) * BOT_BUDGET.perMinute) / 60_000) - 1;
        last = at;
      }
      return Math.min(BOT_BUDGET.burst, tokens + ((t - last) * BOT_BUDGET.perMinute) / 60_000);
    };
    const atOnce: number[] = [];
    const held: number[] = [];
    const budget: number[] = [];
    /** For every changing keystroke: ms past when it could be sent (its own time, or the end of the view's second). */
    const lateness: number[] = [];
    let neverShown = 0;
    let superseded = 0;
    for (const k of keystrokes.filter((x) => x.changes)) {
      const previous = updates
        .filter((u) => u.view === k.view && u.at <= k.at)
        .map((u) => u.at)
        .sort((a, b) => b - a)[0];
      const shownAt = updates
        .filter(
          (u) => u.view === k.view && u.at >= k.at && (u.text.length >= k.text.length || u.reads === k.reads),
        )
        .map((u) => u.at)
        .sort((a, b) => a - b)[0];
      if (shownAt === undefined) {
        // Back to what the view shows ("Mar" shown, "Marc" held, "March"), or undone by a later keystroke
        // before it was due: nothing to send.
        const onScreen =
          updates.filter((u) => u.view === k.view && u.at <= k.at).sort((a, b) => b.at - a.at)[0]?.reads ??
          initial.get(k.view);
        const later = (byView.get(k.view) ?? []).some((x) => x.changes && x.at > k.at);
        if (later || k.reads === onScreen) superseded++;
        else neverShown++;
        continue;
      }
      const due = previous !== undefined && k.at - previous < 1000 ? previous + 1000 : k.at;
      lateness.push(shownAt - due);
      if (tokensAt(due) < 1) budget.push(shownAt - k.at);
      else (due > k.at ? held : atOnce).push(shownAt - due);
    }
    // The word typed last counts once the person pauses: after each view's last keystroke, if the whole text
    // reads differently, that feedback is due PAUSE_MS later (or at the end of the view's second).
    const afterPause: number[] = [];
    let pauseNeverShown = 0;
    for (const [view, list] of byView) {
      const last = list[list.length - 1];
      if (!last || last.readsPaused === last.reads) continue;
      const previous = updates
        .filter((u) => u.view === view && u.at <= last.at + PAUSE_MS)
        .map((u) => u.at)
        .sort((a, b) => b - a)[0];
      const paused = last.at + PAUSE_MS;
      const due = previous !== undefined && paused - previous < 1000 ? previous + 1000 : paused;
      const shownAt = updates
        .filter((u) => u.view === view && u.at >= last.at && u.reads === last.readsPaused)
        .map((u) => u.at)
        .sort((a, b) => a - b)[0];
      if (shownAt === undefined) pauseNeverShown++;
      else afterPause.push(shownAt - due);
    }
    const changing = keystrokes.filter((x) => x.changes).length;
    const perMinute = (updates.length / elapsed) * 60;
    const p99 = quantile(lateness, 0.99);
    console.log(
      `${typists} typists, ${keystrokes.length} keystrokes in ${elapsed.toFixed(1)} s, ${changing} of them change the feedback (${((changing / elapsed) * 60).toFixed(0)}/min)`,
    );
    console.log(
      `views.update: ${updates.length} (${perMinute.toFixed(0)}/min over the run, ${(updates.length / typists / elapsed).toFixed(2)}/s per view), answered 429 by the local Slack enforcing ${TIER4.perMinute}/min, bursts of ${TIER4.burst}: ${rateLimited}; hash conflicts ${conflicts}; changes undone before they were due or back to what was on screen ${superseded}; never shown ${neverShown}`,
    );
    const line = (name: string, v: number[]) =>
      console.log(
        `  ${name}: ${v.length}, p50 ${ms(quantile(v, 0.5))}, p99 ${ms(quantile(v, 0.99))}, max ${ms(quantile(v, 1))}`,
      );
    line(
      'at once (no update of the view in the second before, a token in the budget), keystroke → update',
      atOnce,
    );
    line("held by the view's once-a-second, from the end of that second → update", held);
    line(
      `waited for the Tier 4 budget (${BOT_BUDGET.perMinute}/min, burst ${BOT_BUDGET.burst}), keystroke → update`,
      budget,
    );
    line('all, from the keystroke or the end of its second', lateness);
    line(
      `after the last keystroke, once the person paused (${PAUSE_MS} ms), from the pause → update`,
      afterPause,
    );
    if (pauseNeverShown > 0) console.log(`  feedback after a pause never shown: ${pauseNeverShown}`);
    return [
      {
        figure: `keystroke → views.update p99, at once (${atOnce.length})`,
        okrbot: ms(quantile(atOnce, 0.99)),
        reference: '',
        goal: '≤ 150 ms',
        met: quantile(atOnce, 0.99) <= 150,
      },
      {
        figure: `  held by once-a-second (${held.length}), from the second's end`,
        okrbot: held.length > 0 ? ms(quantile(held, 0.99)) : '—',
        reference: '',
        goal: '≤ 150 ms',
        met: held.length === 0 || quantile(held, 0.99) <= 150,
      },
      {
        figure: `  waited for Tier 4 budget (${budget.length}), from keystroke`,
        okrbot: budget.length > 0 ? ms(quantile(budget, 0.99)) : '—',
        reference: '',
        goal: '',
      },
      {
        figure: `  all ${lateness.length} changes (${((changing / elapsed) * 60).toFixed(0)}/min), held from second's end`,
        okrbot: ms(p99),
        reference: '',
        goal: '≤ 150 ms',
        met: p99 <= 150 && neverShown === 0,
      },
      {
        figure: `  after a pause (${afterPause.length}), from the pause`,
        okrbot: afterPause.length > 0 ? ms(quantile(afterPause, 0.99)) : '—',
        reference: '',
        goal: '≤ 150 ms',
        met: pauseNeverShown === 0 && (afterPause.length === 0 || quantile(afterPause, 0.99) <= 150),
      },
      {
        figure: `views.update 429s, ${typists} typists`,
        okrbot: `${rateLimited} (${perMinute.toFixed(0)}/min)`,
        reference: `${TIER4.perMinute}/min, burst ${TIER4.burst}`,
        goal: '0 (Tier 4)',
        met: rateLimited === 0,
      },
    ];
  } finally {
    await okrbot.stop();
    await slack.stop();
  }
}
