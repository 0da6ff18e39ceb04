import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn as esc, truncate } from '../../../platform/slack/mrkdwn.js';
import type { KeyResultLint, ObjectiveLint } from '../../domain/lint/index.js';
import { keyResultFeedback, objectiveFeedback } from './lint-feedback.js';

/** One line `/okr lint` linted, as a key result or an objective. */
export type LintedLine =
  | { kind: 'key_result'; lint: KeyResultLint }
  | { kind: 'objective'; lint: ObjectiveLint };

/** The ephemeral answer to `/okr lint`: one section per linted line. */
export function lintMessage(
  results: LintedLine[],
  dropped: number,
): {
  text: string;
  blocks: KnownBlock[];
} {
  const blocks: KnownBlock[] = results.map((r) => ({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: truncate(
        `>${esc(truncate(r.lint.text, 300))}\n${r.kind === 'objective' ? objectiveFeedback(r.lint) : keyResultFeedback(r.lint)}`,
        3000,
      ),
    },
  }));
  if (dropped > 0)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `${dropped} more line(s) not shown; lint at most 10 at a time.` }],
    });
  const first = results[0];
  const text = first ? `${first.lint.verdict}: ${esc(truncate(first.lint.text, 200))}` : 'Nothing to lint';
  return { text, blocks };
}
