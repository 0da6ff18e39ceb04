// The draft modal's live feedback states the verdict and the rule, never the person's own words: typing a
// key result letter by letter changes what they read only when the verdict does, so views.update is called
// a handful of times per key result, not once per keystroke. `/okr lint` keeps the full wording.
import { describe, expect, it } from 'vitest';
import { lintDraft } from '../../../src/drafting/domain/lint/index.js';
import { typingFeedback } from '../../../src/drafting/drafts.js';
import { readableSignature } from '../../../src/drafting/slack/view-update-debouncer.js';
import { draftModalView } from '../../../src/drafting/slack/views/draft-modal.js';
import { keyResultFeedback, objectiveFeedback } from '../../../src/drafting/slack/views/lint-feedback.js';
import { parseQuarter } from '../../../src/okrs/index.js';
import type { AppContext } from '../../../src/platform/context.js';

const ctx = { quarter: parseQuarter('2026-Q4')!, okrType: 'committed' as const, today: '2026-11-23' };

/** What the person reads after each keystroke of `text` typed into key result 1, as the modal shows it. */
function readsWhileTyping(text: string, objective = 'Make hiring feel effortless'): string[] {
  const reads: string[] = [];
  for (let n = 1; n <= text.length; n++) {
    const keyResults = [text.slice(0, n), ''];
    const lint = lintDraft({ objective, keyResults }, ctx);
    const view = draftModalView({
      meta: { c: 'C0TALENT', n: 2, r: 0, k: 0 },
      values: {
        objective,
        type: 'committed',
        quarter: '2026-Q4',
        keyResults: keyResults.map((t) => ({ text: t })),
      },
      quarters: ['2026-Q4', '2027-Q1'],
      lint,
    });
    reads.push(readableSignature(view.blocks));
  }
  return reads;
}

const changes = (reads: string[]) => reads.filter((r, i) => i === 0 || r !== reads[i - 1]).length;

describe('live feedback in the draft modal', () => {
  it('changes only when the verdict changes while an activity is typed', () => {
    // "Launch" makes it an activity; the words after it do not change what the rule says.
    expect(changes(readsWhileTyping('Launch a referral program'))).toBeLessThanOrEqual(2);
    expect(changes(readsWhileTyping('Conduct 20 manager training sessions by March 31'))).toBeLessThanOrEqual(
      6,
    );
  });

  it('does not quote the typed text in the feedback', () => {
    const lint = lintDraft(
      { objective: 'Ship the new careers site', keyResults: ['Conduct 20 manager training sessions'] },
      ctx,
    );
    const live = keyResultFeedback(lint.keyResults[0]!, 'live');
    expect(live).toMatch(/Activity/);
    expect(live).toMatch(/→/); // the rule comes with what to do
    expect(live).not.toMatch(/manager training/);
    expect(objectiveFeedback(lint.objective, 'live')).not.toMatch(/careers site/);
    // /okr lint still quotes the person's work back in its suggestion.
    expect(keyResultFeedback(lint.keyResults[0]!)).toMatch(/manager training/);
  });

  it('states a missing baseline without echoing the target being typed', () => {
    const a = lintDraft({ objective: 'x', keyResults: ['Raise new-hire retention to 9'] }, ctx);
    const b = lintDraft({ objective: 'x', keyResults: ['Raise new-hire retention to 92'] }, ctx);
    const live = keyResultFeedback(a.keyResults[0]!, 'live');
    expect(live).toMatch(/today's value/);
    expect(live).toBe(keyResultFeedback(b.keyResults[0]!, 'live'));
  });

  it('keeps the Korean wording Korean', () => {
    const lint = lintDraft({ objective: '채용 경험 개선', keyResults: ['매니저 교육 20회 실시'] }, ctx);
    const live = keyResultFeedback(lint.keyResults[0]!, 'live');
    expect(live).toMatch(/활동/);
    expect(live).not.toMatch(/매니저 교육/);
  });

  it('while typing, judges finished words: the verdict changes at word boundaries, the last word on a pause', () => {
    const appCtx = { now: () => new Date('2026-11-23T01:00:00Z'), config: { defaultTimeZone: 'UTC' } };
    const meta = { c: 'C0TALENT', n: 2, r: 0, k: 0 };
    const feedbackWhileTyping = (text: string) => {
      const now: string[] = [];
      let paused = '';
      for (let n = 1; n <= text.length; n++) {
        const values = {
          objective: 'Make hiring feel effortless',
          type: 'committed' as const,
          quarter: '2026-Q4',
          keyResults: [{ text: text.slice(0, n) }, { text: '' }],
        };
        const f = typingFeedback(appCtx as unknown as AppContext, { meta, values, immediate: false }, 0);
        now.push(readableSignature(draftModalView(f.now).blocks));
        paused = readableSignature(draftModalView(f.whenPaused ?? f.now).blocks);
      }
      return { now, paused };
    };
    const text = 'Increase offer acceptance from 72% to 88% by end of Q4';
    const { now, paused } = feedbackWhileTyping(text);
    // Letter by letter the whole text's verdict changes more often than the finished words' does.
    expect(changes(now)).toBeLessThan(changes(readsWhileTyping(text)));
    // Every change happens on a keystroke that finished a word.
    now.forEach((r, i) => {
      if (i > 0 && r !== now[i - 1]) expect(text[i]).toBe(' ');
    });
    // Paused after the last letter, the person reads what a finished last word would give.
    expect(paused).toBe(feedbackWhileTyping(`${text} `).now.at(-1));
    expect(paused).not.toBe(now.at(-1));
  });
});
