import { classifyObjective } from './classify-objective.js';
import { extractFacts } from './extract-facts.js';
import { objectiveFindings } from './objective-findings.js';
import { prepareText } from './prepare-text.js';
import { stripListMarker } from './split-pasted-key-results.js';
import type { LintContext, ObjectiveLint } from './types.js';

/** Lints an objective: qualitative and directional, or a number, a task or a maintenance goal. Never throws. */
export function lintObjective(text: string, _ctx: LintContext): ObjectiveLint {
  const raw = typeof text === 'string' ? text : '';
  const p = prepareText(stripListMarker(raw));
  const facts = extractFacts(p, 'objective');
  const classification = classifyObjective(p, facts);
  return {
    text: raw.trim(),
    verdict: classification.verdict,
    has_baseline: facts.has_baseline,
    has_target: facts.has_target,
    has_deadline: facts.has_deadline,
    vague: facts.vague,
    language: facts.language,
    findings: objectiveFindings(p, classification),
  };
}
