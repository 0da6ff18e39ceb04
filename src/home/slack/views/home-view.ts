import type { HomeView, KnownBlock } from '@slack/types';
import { CHECKIN_IDS } from '../../../checkins/index.js';
import { alertButtonValue, KPI_ALERT_ACTIONS } from '../../../kpis/index.js';
import { CONFIDENCE_LABELS, type Confidence, progressLineOf } from '../../../okrs/index.js';
import {
  type DataVisualizationBlock,
  keyResultTrendChart,
  kpiTrendChart,
} from '../../../platform/slack/charts.js';
import { escapeMrkdwn as esc, truncate } from '../../../platform/slack/mrkdwn.js';
import { HOME_IDS } from '../ids.js';
import { context, type HomeKpi, type HomeTeam, kpiLine, roundDay, section } from './home-format.js';
import { teamBlocks } from './team-view.js';

export type { HomeKpi, HomeTeam, HomeTeamKeyResult } from './home-format.js';

export interface HomeKeyResult {
  id: string;
  text: string;
  objective: string;
  baseline: number | null;
  current: number | null;
  target: number | null;
  unit: string | null;
  direction: 'higher_is_better' | 'lower_is_better' | null;
  confidence?: Confidence | null;
  /** Round key of the last check-in on it. */
  lastCheckin?: string | null;
  /** Its check-ins this quarter, oldest first. */
  history?: Array<{ round: string; value: number | null }>;
}

/** One alert message (a group): the alert that paged, which the buttons carry. */
export interface HomeAlert {
  id: string;
  kpiName: string;
  rules: string[];
  severity: string;
  openedAt: string;
}

/** Everything the Home tab shows for one person. */
export interface HomeData {
  name: string;
  pausedUntil: string | null;
  isAdmin?: boolean;
  /** A round whose answers are open for them now. */
  openRound?: { key: string; answered: boolean } | null;
  keyResults: HomeKeyResult[];
  kpis: HomeKpi[];
  alerts?: HomeAlert[];
  team?: HomeTeam | null;
}

/** How much of each list the Home tab shows before summarising (Slack allows 100 blocks in all). */
export const HOME_LIMITS = { keyResults: 12, kpis: 10, alerts: 5, charts: 2 } as const;

type HomeBlock = KnownBlock | DataVisualizationBlock;

/** The Home tab: the person's own work, their team's if they lead one, and the roll-up for admins. Pure. */
export function homeView(data: HomeData): HomeView {
  const blocks: HomeBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: truncate(`Hi ${data.name}: your OKRs and KPIs`, 150) },
    },
    ...statusBlocks(data),
    ...keyResultBlocks(data.keyResults),
    ...kpiBlocks(data.kpis),
    ...alertBlocks(data.alerts ?? []),
    ...charts(data),
    ...(data.team ? teamBlocks(data.team) : []),
    ...adminBlocks(data.isAdmin ?? false),
  ];
  return { type: 'home', blocks: blocks.slice(0, 100) };
}

function statusBlocks(data: HomeData): KnownBlock[] {
  const out: KnownBlock[] = [];
  if (data.pausedUntil)
    out.push(
      context(
        `:palm_tree: Your check-ins are paused until ${esc(data.pausedUntil)}. \`/okr resume\` to start again.`,
      ),
    );
  if (data.openRound) {
    const { key, answered } = data.openRound;
    out.push({
      type: 'section',
      block_id: HOME_IDS.roundBlock,
      text: {
        type: 'mrkdwn',
        text: answered
          ? `:white_check_mark: You have checked in for the round of ${roundDay(key)}. You can still change your answers.`
          : `:spiral_note_pad: The check-in for the round of ${roundDay(key)} is open for you.`,
      },
      accessory: {
        type: 'button',
        action_id: CHECKIN_IDS.openAction,
        text: { type: 'plain_text', text: answered ? 'Edit check-in' : 'Check in' },
        value: key,
        ...(answered ? {} : { style: 'primary' as const }),
      },
    });
  }
  return out;
}

function keyResultBlocks(krs: HomeKeyResult[]): KnownBlock[] {
  const out: KnownBlock[] = [section('*Key results you own*')];
  if (krs.length === 0) out.push(context('None yet. `/okr draft` in your team channel to write some.'));
  for (const kr of krs.slice(0, HOME_LIMITS.keyResults)) {
    const confidence = kr.confidence ? CONFIDENCE_LABELS[kr.confidence] : 'no confidence given yet';
    const last = kr.lastCheckin ? `last check-in ${roundDay(kr.lastCheckin)}` : 'no check-in yet';
    out.push(
      section(
        truncate(
          `*${esc(kr.text)}*\n${progressLineOf(kr, { strong: true })}\n${confidence} · ${last}\n_${esc(kr.objective)}_`,
          3000,
        ),
      ),
    );
  }
  out.push(...more(krs.length - HOME_LIMITS.keyResults, 'key result', '`/okr list` shows them all.'));
  return out;
}

function kpiBlocks(kpis: HomeKpi[]): KnownBlock[] {
  const out: KnownBlock[] = [{ type: 'divider' }, section('*KPIs you own*')];
  if (kpis.length === 0) out.push(context('None. `/kpi add` to register one.'));
  for (const k of kpis.slice(0, HOME_LIMITS.kpis))
    out.push(section(truncate(`*${esc(k.name)}* (\`${esc(k.key)}\`): ${kpiLine(k)}`, 3000)));
  out.push(...more(kpis.length - HOME_LIMITS.kpis, 'KPI', '`/kpi list` shows them all.'));
  return out;
}

function alertBlocks(alerts: HomeAlert[]): KnownBlock[] {
  if (alerts.length === 0) return [];
  const out: KnownBlock[] = [{ type: 'divider' }, section(`*Open alerts (${alerts.length})*`)];
  for (const a of alerts.slice(0, HOME_LIMITS.alerts)) {
    out.push(
      section(
        truncate(
          `:rotating_light: *${esc(a.kpiName)}*: ${esc(a.rules.join(', '))} (${esc(a.severity)}) since ${a.openedAt.slice(0, 10)}`,
          3000,
        ),
      ),
      {
        type: 'actions',
        block_id: `${HOME_IDS.alertBlockPrefix}${a.id}`,
        elements: [
          {
            type: 'button',
            action_id: KPI_ALERT_ACTIONS.acknowledge,
            text: { type: 'plain_text', text: 'Acknowledge' },
            value: alertButtonValue(a.id, 'escalation'),
            style: 'primary',
          },
          {
            type: 'button',
            action_id: KPI_ALERT_ACTIONS.snooze,
            text: { type: 'plain_text', text: 'Snooze' },
            value: alertButtonValue(a.id, 'escalation'),
          },
        ],
      },
    );
  }
  out.push(...more(alerts.length - HOME_LIMITS.alerts, 'alert', 'Their messages are in your DMs.'));
  return out;
}

/**
 * Native line charts (at most two on a Home tab): the first key results with check-in values, then the
 * first KPIs with readings, the key results' first.
 */
function charts(data: HomeData): DataVisualizationBlock[] {
  const krCharts = data.keyResults.flatMap((kr) => {
    const withValue = (kr.history ?? []).filter((h) => h.value !== null);
    const chart = keyResultTrendChart({
      keyResultText: kr.text,
      unit: kr.unit,
      rounds: withValue.map((h) => roundDay(h.round)),
      values: withValue.map((h) => h.value),
      baseline: kr.baseline,
      target: kr.target,
    });
    return chart ? [chart] : [];
  });
  const kpiCharts = data.kpis.flatMap((k) => {
    const chart =
      k.readings && k.readings.length >= 2 && k.threshold !== undefined
        ? kpiTrendChart({
            kpiName: k.name,
            unit: k.unit,
            periods: k.readings.map((r) => r.period),
            values: k.readings.map((r) => r.value),
            range: k.range,
            threshold: k.threshold,
          })
        : undefined;
    return chart ? [chart] : [];
  });
  const picked = [...krCharts.slice(0, 1), ...kpiCharts.slice(0, 1)];
  const rest = [...krCharts.slice(1), ...kpiCharts.slice(1)];
  return [...picked, ...rest].slice(0, HOME_LIMITS.charts);
}

function adminBlocks(isAdmin: boolean): KnownBlock[] {
  if (!isAdmin) return [];
  return [
    { type: 'divider' },
    {
      type: 'section',
      block_id: HOME_IDS.rollupBlock,
      text: {
        type: 'mrkdwn',
        text: '*Workspace roll-up*\nEvery team this quarter: confidence, check-ins, blockers, KPIs.',
      },
      accessory: {
        type: 'button',
        action_id: HOME_IDS.rollupAction,
        text: { type: 'plain_text', text: 'Show the roll-up' },
        value: 'rollup',
      },
    },
  ];
}

/** `…and 3 more key results. /okr list shows them all.` when some were left out. */
export function more(hidden: number, noun: string, where: string): KnownBlock[] {
  return hidden > 0 ? [context(`…and ${hidden} more ${noun}${hidden === 1 ? '' : 's'}. ${where}`)] : [];
}
