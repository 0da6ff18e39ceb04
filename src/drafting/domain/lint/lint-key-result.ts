import { classifyKeyResult } from './classify-key-result.js';
import { extractFacts } from './extract-facts.js';
import { keyResultFindings } from './key-result-findings.js';
import { prepareText } from './prepare-text.js';
import { stripListMarker } from './split-pasted-key-results.js';
import type { KeyResultLint, LintContext } from './types.js';

/** Lints one key result: verdict, facts and findings. Never throws. */
export function lintKeyResult(text: string, ctx: LintContext): KeyResultLint {
  const raw = typeof text === 'string' ? text : '';
  const p = prepareText(stripListMarker(raw));
  const facts = extractFacts(p, 'key_result');
  const classification = classifyKeyResult(p, facts);
  return {
    text: raw.trim(),
    verdict: classification.verdict,
    has_baseline: facts.has_baseline,
    has_target: facts.has_target,
    has_deadline: facts.has_deadline,
    vague: facts.vague,
    language: facts.language,
    findings: keyResultFindings(p, facts, classification, ctx),
  };
}
