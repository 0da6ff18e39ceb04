// The alert lifecycle of the detector: conditions → per-rule states (pending, firing, resolved…) → events.
// One function per step: advancing the states, hiding, firing, repeating, resolving, stale data, escalation,
// and one page per KPI.
import { type Condition, conditions } from './conditions.js';
import {
  CRITICAL_RULES,
  FIRE_REASON,
  HIDDEN_BY_CRITICAL,
  LAYER,
  PRIORITY,
  REPEATS,
  RULE_PRIORITY,
  SEVERITY,
  SEVERITY_RANK,
  VALUE_RULES,
} from './detector-config.js';
import { escalationsDue, isActive, isOpen, markEscalated, snoozeExpired } from './lifecycle.js';
import { nextQuarterEnd, okrCandidateDraft } from './okr-candidate-draft.js';
import { shiftPeriod } from './period.js';
import { formatValue, kpiLabel } from './spec.js';
import type {
  AlertEvent,
  AlertState,
  EvaluationInput,
  KpiSpec,
  Reading,
  RuleName,
  Severity,
} from './types.js';

type Step = 'none' | 'pending' | 'fire' | 'reminder' | 'repeat' | 'resolve' | 'quiet_resolve';

/** One evaluation of one KPI: its input, the states being updated and the events so far. */
export interface Run {
  input: EvaluationInput;
  spec: KpiSpec;
  readings: Reading[];
  latest: Reading;
  now: Date;
  nowIso: string;
  states: Map<RuleName, AlertState>;
  events: AlertEvent[];
  /** An active OKR targets the KPI: alerts fold into its check-in. */
  folded: boolean;
  stale: boolean;
  trend: string;
  /** " Response protocol: …", or ''. */
  protocol: string;
}

/** What emitting the events of one reading needs beyond the run. */
interface Emission {
  run: Run;
  steps: Map<RuleName, Step>;
  /** The active critical alert of the KPI, if any: it hides warnings. */
  critical: AlertState | undefined;
  /** The open incident: value alerts the owner already knows about, with their severity. */
  incident: Map<RuleName, Severity>;
  annotation: string | undefined;
  layerOneFired: boolean;
}

export function resolved(state: AlertState, nowIso: string): AlertState {
  const next: AlertState = { ...state, status: 'resolved', resolvedAt: nowIso };
  delete next.hiddenBy;
  delete next.snoozedUntil;
  delete next.snoozeReason;
  delete next.snoozedBy;
  return next;
}

/** The next state of one rule under its condition, and the lifecycle step taken. */
function advance(prev: AlertState | undefined, c: Condition, run: Run): { state?: AlertState; step: Step } {
  const stamp = { lastPeriod: run.latest.period, lastValue: run.latest.value, detail: c.detail };
  if (!prev || !isOpen(prev.status)) {
    if (!c.breach)
      return { state: prev ? { ...prev, ...stamp, detail: prev.detail } : undefined, step: 'none' };
    const fresh: AlertState = {
      rule: c.rule,
      status: c.ready ? 'firing' : 'pending',
      severity: SEVERITY[c.rule],
      since: c.since,
      ...stamp,
    };
    if (c.baseline !== undefined) fresh.baseline = c.baseline;
    return { state: fresh, step: c.ready ? 'fire' : 'pending' };
  }
  const base: AlertState = { ...prev, ...stamp };
  if (prev.status === 'pending') {
    if (c.breach && c.ready) return { state: { ...base, status: 'firing' }, step: 'fire' };
    if (c.breach) return { state: base, step: 'pending' };
    return { state: resolved(base, run.nowIso), step: 'quiet_resolve' };
  }
  if (c.clear) return { state: resolved(base, run.nowIso), step: 'resolve' };
  let reminder = false;
  if (prev.status === 'snoozed' && snoozeExpired(prev, run.now, true)) {
    base.status = 'firing';
    delete base.snoozedUntil;
    delete base.snoozeReason;
    delete base.snoozedBy;
    reminder = true;
  }
  if (!c.breach || base.status === 'acknowledged' || base.status === 'snoozed') {
    return { state: c.breach ? base : { ...base, detail: prev.detail }, step: 'none' };
  }
  return { state: base, step: reminder ? 'reminder' : 'repeat' };
}

export function message(
  rule: RuleName,
  kind: AlertEvent['kind'],
  spec: KpiSpec,
  detail: string,
  extra = '',
): string {
  const name = kpiLabel(spec);
  const layer = `[${LAYER[rule]}]`;
  // A detail that already names the KPI ("Time to hire is 21% worse …") is not prefixed with the name again.
  const lead = detail.startsWith(`${name} `) ? '' : `${name}: `;
  switch (kind) {
    case 'pending':
      return `${lead}${detail}; pending until a second reading confirms it ${layer}`;
    case 'repeat':
      return `${name}: still breaching: ${detail} ${layer}`;
    case 'resolve':
      return `${name}: resolved: ${detail} ${layer}${extra}`;
    case 'annotate':
      return `${name}: ${detail} ${layer}`;
    default:
      return `${lead}${detail} ${layer}${extra}`;
  }
}

/** Advances every evaluated rule; rules not evaluated still record the reading. */
function applyConditions(run: Run, list: Condition[]): Map<RuleName, Step> {
  const { states, latest } = run;
  const steps = new Map<RuleName, Step>();
  for (const c of list) {
    const { state, step } = advance(states.get(c.rule), c, run);
    if (state) states.set(c.rule, state);
    steps.set(c.rule, step);
  }
  for (const [rule, s] of states) {
    if (!steps.has(rule)) states.set(rule, { ...s, lastPeriod: latest.period, lastValue: latest.value });
  }
  // An active OKR on the KPI makes an open OKR candidate moot.
  const candidate = states.get('okr_candidate');
  if (run.folded && candidate && isOpen(candidate.status))
    states.set('okr_candidate', resolved(candidate, run.nowIso));
  return steps;
}

/** Value alerts the owner already knows about: notified before, still active, visible. */
function openIncident(
  before: Map<RuleName, AlertState>,
  states: Map<RuleName, AlertState>,
): Map<RuleName, Severity> {
  const incident = new Map<RuleName, Severity>();
  for (const rule of VALUE_RULES) {
    const was = before.get(rule);
    const after = states.get(rule);
    if (was?.firstFiredAt && !was.hiddenBy && !was.folded && after && isActive(after.status))
      incident.set(rule, was.severity);
  }
  return incident;
}

/** Stale data hides every value alert; a critical hides the warnings of the same KPI. True when hidden. */
function hide(e: Emission, rule: RuleName, state: AlertState): boolean {
  const hiddenBy: AlertState['hiddenBy'] = e.run.stale
    ? 'stale'
    : HIDDEN_BY_CRITICAL.has(rule) && e.critical !== undefined && isOpen(state.status)
      ? 'critical'
      : undefined;
  if (!hiddenBy || !isOpen(state.status)) return false;
  state.hiddenBy = hiddenBy;
  // Covered by the critical's message: when the critical clears, the warning continues without a new page.
  if (hiddenBy === 'critical' && isActive(state.status))
    state.firstFiredAt ??= e.critical?.firstFiredAt ?? e.run.nowIso;
  return true;
}

function baseEvent(run: Run, rule: RuleName) {
  return {
    rule,
    severity: SEVERITY[rule],
    value: run.latest.value,
    period: run.latest.period,
    target: 'owner' as const,
    ...(run.folded ? { folded: true } : {}),
  };
}

/** A new or reminded alert: one incident per KPI, so a lesser alert joins the open one's thread. */
function fireEvent(e: Emission, rule: RuleName, state: AlertState, kind: 'fire' | 'reminder'): void {
  const { run } = e;
  state.firstFiredAt ??= run.nowIso;
  if (run.folded) state.folded = true;
  else delete state.folded;
  // One incident per KPI: an alert the owner already has (same or higher severity) carries a new one in its
  // thread; a higher severity than the open incident is an escalation.
  let eventKind: AlertEvent['kind'] = 'fire';
  let groupedWith: RuleName | undefined;
  if (VALUE_RULES.includes(rule) && kind === 'fire') {
    const others = [...e.incident].filter(([r]) => r !== rule);
    const top = others.sort((a, b) => SEVERITY_RANK[b[1]] - SEVERITY_RANK[a[1]])[0];
    if (top && SEVERITY_RANK[top[1]] >= SEVERITY_RANK[SEVERITY[rule]]) groupedWith = top[0];
    else if (top) eventKind = 'escalate';
    if (!run.folded) e.incident.set(rule, SEVERITY[rule]);
  }
  const prefix =
    kind === 'reminder' ? 'snooze ended, still: ' : eventKind === 'escalate' ? 'escalated to critical: ' : '';
  const ev: AlertEvent = {
    ...baseEvent(run, rule),
    kind: eventKind,
    notify: !run.folded && groupedWith === undefined,
    message: message(rule, 'fire', run.spec, prefix + state.detail, run.protocol),
    reason: FIRE_REASON[rule],
    trend: run.trend,
    ...(groupedWith ? { groupedWith } : {}),
  };
  if (rule === 'okr_candidate') {
    ev.draft = okrCandidateDraft(run.spec, run.latest.value, nextQuarterEnd(run.latest.period));
    ev.message = `${message(rule, 'fire', run.spec, state.detail)} Draft key result: "${ev.draft}"`;
  } else if (e.annotation) {
    ev.annotation = e.annotation;
    ev.message += ` Also ${e.annotation}.`;
    e.layerOneFired = true;
  }
  run.events.push(ev);
}

/** The end of an alert the owner was told about (a thread reply, not a page). */
function resolveEvent(run: Run, rule: RuleName, state: AlertState): void {
  if (state.firstFiredAt === undefined || rule === 'statistical') return;
  const stillOut = CRITICAL_RULES.includes(rule) && run.states.get('out_of_range')?.status === 'firing';
  const { latest, spec } = run;
  const detail = `${formatValue(latest.value, spec.unit)} in ${latest.period}${stillOut ? '; still outside the target range (the warning continues)' : ''}`;
  run.events.push({
    ...baseEvent(run, rule),
    kind: 'resolve',
    notify: false,
    message: message(rule, 'resolve', spec, detail),
    reason: stillOut ? 'back_past_threshold_still_outside' : 'back_in_range',
  });
}

/** The events of one rule at a new reading, in the lifecycle step it took. */
function emitRule(e: Emission, rule: RuleName): void {
  const { run } = e;
  const state = run.states.get(rule);
  const step = e.steps.get(rule);
  if (!state || step === undefined || rule === 'stale') return;
  if (hide(e, rule, state)) return;
  delete state.hiddenBy;
  let kind: Step = step;
  // Never shown (hidden until now), or shown only in an OKR check-in that no longer runs: page now.
  if (kind === 'repeat' && (state.firstFiredAt === undefined || (state.folded && !run.folded))) kind = 'fire';
  if (!REPEATS.has(rule) && kind === 'repeat') return;
  const base = { ...baseEvent(run, rule), reason: FIRE_REASON[rule] };
  if (kind === 'pending') {
    const msg = message(rule, 'pending', run.spec, state.detail);
    run.events.push({ ...base, kind: 'pending', notify: false, message: msg });
  } else if (kind === 'fire' || kind === 'reminder') {
    // The statistics layer is emitted after the other rules, unless a bounds alert carries it.
    if (rule !== 'statistical') fireEvent(e, rule, state, kind);
  } else if (kind === 'repeat') {
    const msg = message(rule, 'repeat', run.spec, state.detail);
    run.events.push({ ...base, kind: 'repeat', notify: false, message: msg, trend: run.trend });
  } else if (kind === 'resolve') {
    resolveEvent(run, rule, state);
  }
}

/** The statistics layer's digest item, when no bounds alert carries it as an annotation. */
function emitStatistical(e: Emission): void {
  const { run } = e;
  const stats = run.states.get('statistical');
  if (!stats || e.steps.get('statistical') !== 'fire') return;
  stats.firstFiredAt ??= run.nowIso;
  if (e.layerOneFired || run.stale) return;
  const { latest, spec } = run;
  run.events.push({
    rule: 'statistical',
    severity: 'info',
    kind: 'annotate',
    notify: false,
    target: 'owner',
    ...(run.folded ? { folded: true } : {}),
    value: latest.value,
    period: latest.period,
    message: message(
      'statistical',
      'annotate',
      spec,
      `${formatValue(latest.value, spec.unit)} in ${latest.period} is ${stats.detail}`,
    ),
    reason: 'unusual_vs_history',
    ...(e.annotation ? { annotation: e.annotation } : {}),
    trend: run.trend,
  });
}

/** Layers 1–5 at a new (or replaced) reading: conditions, states, and the events of every rule. */
export function evaluateReading(run: Run): void {
  const { states } = run;
  const before = new Map(states);
  const { list, annotation } = conditions(run.input, run.readings, states);
  const steps = applyConditions(run, list);
  const critical = CRITICAL_RULES.map((r) => states.get(r)).find(
    (s) => s !== undefined && isActive(s.status),
  );
  const e: Emission = {
    run,
    steps,
    critical,
    incident: openIncident(before, states),
    annotation,
    layerOneFired: false,
  };
  for (const rule of RULE_PRIORITY) emitRule(e, rule);
  emitStatistical(e);
  // De-escalation / end of staleness: a warning hidden before shows again.
  for (const s of states.values()) if (!run.stale && s.hiddenBy === 'stale') delete s.hiddenBy;
  for (const s of states.values()) if (s.hiddenBy === 'critical' && critical === undefined) delete s.hiddenBy;
}

/** Layer 6: stale data, evaluated on every run. */
export function evaluateStale(run: Run): void {
  const { states, latest, spec } = run;
  const staleState = states.get('stale');
  if (run.stale) {
    if (staleState && isOpen(staleState.status)) return;
    const missing = shiftPeriod(latest.period, 1);
    const detail = `no reading since ${latest.period}: the ${missing} reading is overdue; value alerts are on hold until a new reading arrives`;
    const folded = run.folded ? { folded: true } : {};
    states.set('stale', {
      rule: 'stale',
      status: 'firing',
      severity: 'warning',
      since: missing,
      lastPeriod: latest.period,
      lastValue: latest.value,
      detail,
      firstFiredAt: run.nowIso,
      ...folded,
    });
    run.events.push({
      rule: 'stale',
      severity: 'warning',
      kind: 'stale',
      notify: !run.folded,
      target: 'owner',
      ...folded,
      period: missing,
      message: message('stale', 'stale', spec, detail),
      reason: 'reading_overdue',
      trend: run.trend,
    });
  } else if (staleState && isOpen(staleState.status)) {
    const next = { ...staleState, lastPeriod: latest.period, lastValue: latest.value };
    states.set('stale', resolved(next, run.nowIso));
    run.events.push({
      rule: 'stale',
      severity: 'warning',
      kind: 'resolve',
      notify: false,
      target: 'owner',
      period: latest.period,
      value: latest.value,
      message: message('stale', 'resolve', spec, `a reading for ${latest.period} arrived`),
      reason: 'reading_arrived',
    });
  }
}

/** Unacknowledged criticals go to the team channel once, after the configured number of days. */
export function escalateUnacknowledged(run: Run): void {
  const days = run.input.escalateAfterDays;
  if (days === undefined || run.stale) return;
  for (const due of escalationsDue([...run.states.values()], run.now, days)) {
    const next = markEscalated(due, run.now);
    run.states.set(due.rule, next);
    run.events.push({
      rule: due.rule,
      severity: 'critical',
      kind: 'escalate',
      notify: true,
      target: 'team_channel',
      period: next.lastPeriod,
      ...(next.lastValue !== undefined ? { value: next.lastValue } : {}),
      message: message(
        due.rule,
        'escalate',
        run.spec,
        `unacknowledged for ${days} days or more: ${next.detail}`,
        run.protocol,
      ),
      reason: FIRE_REASON[due.rule],
    });
  }
}

/** One page per KPI and evaluation: the most important notification carries the others. */
export function onePagePerKpi(events: AlertEvent[]): void {
  const owner = events
    .filter((e) => e.notify && e.target === 'owner')
    .sort((a, b) => PRIORITY[a.rule] - PRIORITY[b.rule]);
  const primary = owner[0];
  for (const e of owner.slice(1)) {
    e.notify = false;
    e.groupedWith = (primary as AlertEvent).rule;
  }
}
