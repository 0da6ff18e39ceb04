import { quarterOf } from '../../../okrs/index.js';
import type { SubcommandInput } from '../../../platform/slack/command-router.js';
import {
  type LintContext,
  lintKeyResult,
  lintObjective,
  splitPastedKeyResults,
} from '../../domain/lint/index.js';
import { lintMessage } from '../views/lint-message.js';

const MAX_LINES = 10;

/** `/okr lint <key result>`: the verdict and suggestions, only for the person who asked. A pasted list is linted line by line. */
export async function lintCommand({ ctx, args, rest }: SubcommandInput): Promise<void> {
  if (rest.trim() === '') {
    await args.ack({
      response_type: 'ephemeral',
      text: 'Type a key result after the command, e.g. `/okr lint Reduce time-to-hire from 52 to 30 days by end of Q4`. Start a line with `O:` to lint an objective.',
    });
    return;
  }
  const now = ctx.now();
  const lintCtx: LintContext = {
    quarter: quarterOf(now, ctx.config.defaultTimeZone),
    okrType: 'committed',
    today: now.toISOString().slice(0, 10),
  };
  const lines = splitPastedKeyResults(rest);
  const results = lines
    .slice(0, MAX_LINES)
    .map((line) =>
      /^o:/i.test(line)
        ? ({ kind: 'objective', lint: lintObjective(line.slice(2).trim(), lintCtx) } as const)
        : ({ kind: 'key_result', lint: lintKeyResult(line, lintCtx) } as const),
    );
  await args.ack({
    response_type: 'ephemeral',
    ...lintMessage(results, Math.max(0, lines.length - MAX_LINES)),
  });
}
