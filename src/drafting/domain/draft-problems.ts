import { hasAnyNumber } from '../../okrs/domain/index.js';

/** A drafted OKR as typed: the objective and the key-result rows (empty rows included). */
export interface DraftInput {
  objective: string;
  keyResults: Array<{ text: string; owner?: string | undefined }>;
}

export type DraftProblem =
  | { field: 'objective'; message: string }
  | { field: 'key_result' | 'owner'; index: number; message: string };

/**
 * What stops a draft from being saved (warnings from the linter never do): an empty objective, no key
 * results, a key result without any number, a key result without an owner. Pure.
 */
export function draftProblems(draft: DraftInput): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (draft.objective.trim() === '') {
    problems.push({
      field: 'objective',
      message: 'Write the objective: where should the team be at the end of the quarter?',
    });
  }
  const filled = draft.keyResults
    .map((kr, index) => ({ ...kr, index }))
    .filter((kr) => kr.text.trim() !== '');
  if (filled.length === 0) {
    problems.push({
      field: 'key_result',
      index: 0,
      message: 'Add at least one key result: how will you know the objective is reached?',
    });
  }
  for (const kr of filled) {
    if (!hasAnyNumber(kr.text)) {
      problems.push({
        field: 'key_result',
        index: kr.index,
        message:
          'A key result needs a number to be scored, e.g. "Reduce time-to-hire from 52 to 30 days by end of Q4".',
      });
    }
    if (!kr.owner)
      problems.push({ field: 'owner', index: kr.index, message: 'Who owns this key result? Pick a person.' });
  }
  return problems;
}
