// The quarter close's messages: the team report, the lead's "Close 2026Q4" DM, the committed-shortfall DM
// and the reflection modal. Pure: data in, Block Kit out.
import type { ActionsBlock, Button, KnownBlock, ModalView } from '@slack/types';
import { truncate as clip, escapeMrkdwn as esc } from '../../../platform/slack/mrkdwn.js';
import type { KeyResultReport, ObjectiveReport, QuarterReport } from '../../domain/close/index.js';
import { carryOverBlockId, closeButtonValue, OKR_BLOCKS, OKR_IDS } from '../ids.js';

export interface SlackMessage {
  /** Notification and screen-reader fallback; people's words in it are escaped. */
  text: string;
  blocks: KnownBlock[];
}

const MAX_MESSAGE_BLOCKS = 50;
const SECTION_MAX = 2900;
/** Slack's data table: 1–100 data rows, 1–20 columns, at most 10,000 characters across all cells. */
const TABLE_MAX_ROWS = 100;
const TABLE_MAX_CHARS = 10_000;

const TYPE_LABEL: Record<ObjectiveReport['type'], string> = {
  committed: 'Committed',
  aspirational: 'Aspirational',
  'cross-team': 'Cross-team',
};

const VERDICT_ICON: Record<ObjectiveReport['verdict'], string> = {
  delivered: ':white_check_mark:',
  shortfall: ':warning:',
  success: ':white_check_mark:',
  learning: ':seedling:',
  shared: ':handshake:',
  not_scored: ':grey_question:',
};

const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(text, SECTION_MAX) },
});
const context = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: clip(text, 2000) }],
});

/** Lines under a bold title in one section, with "…and N more" when they do not fit. */
function listSection(title: string, lines: string[]): KnownBlock {
  let text = `*${title}*`;
  let used = 0;
  for (const line of lines) {
    const rest = lines.length - used - 1;
    const tail = rest > 0 ? `\n…and ${rest} more` : '';
    if (text.length + line.length + 1 + tail.length > SECTION_MAX) break;
    text += `\n${line}`;
    used++;
  }
  if (used < lines.length) text += `\n…and ${lines.length - used} more`;
  return section(text);
}

type Cell = { type: 'raw_text'; text: string } | { type: 'raw_number'; value: number; text: string };
const textCell = (t: string): Cell => ({ type: 'raw_text', text: t.trim() === '' ? '–' : t });

function numberCell(v: number | null, unit: string | null): Cell {
  if (v === null || !Number.isFinite(v)) return textCell('–');
  const n = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(v);
  const u = unit?.trim();
  return { type: 'raw_number', value: v, text: !u ? n : u === '%' ? `${n}%` : `${n} ${u}` };
}

/** The score; one its owner gave at the closing check-in (no baseline or target) says so. */
function scoreCell(kr: KeyResultReport): Cell {
  if (kr.score === null) return textCell(kr.scoreText);
  const text = kr.source === 'closing_checkin' ? `${kr.scoreText} (closing check-in)` : kr.scoreText;
  return { type: 'raw_number', value: kr.score, text };
}

/**
 * One data table for every key result of the report: objective, key result, (contributing team), baseline,
 * final, target, score. Texts are cut so the table stays within Slack's 10,000 characters.
 */
export function keyResultTable(report: QuarterReport): KnownBlock | undefined {
  const rows = report.objectives.flatMap((o) => o.keyResults.map((kr) => ({ o, kr })));
  if (rows.length === 0) return undefined;
  const withTeam = report.objectives.some((o) => o.type === 'cross-team');
  const header = [
    'Objective',
    'Key result',
    ...(withTeam ? ['Team'] : []),
    'Baseline',
    'Final',
    'Target',
    'Score',
  ];
  const shown = rows.slice(0, TABLE_MAX_ROWS);
  const build = (objMax: number, krMax: number): Cell[][] => [
    header.map(textCell),
    ...shown.map(({ o, kr }) => [
      textCell(clip(o.text, objMax)),
      textCell(clip(kr.text, krMax)),
      ...(withTeam
        ? [textCell(o.type === 'cross-team' ? clip(kr.contributingTeam?.name ?? 'team not known', 40) : '–')]
        : []),
      numberCell(kr.baseline, kr.unit),
      numberCell(kr.final, kr.unit),
      numberCell(kr.target, kr.unit),
      scoreCell(kr),
    ]),
  ];
  const chars = (table: Cell[][]) => table.flat().reduce((n, c) => n + c.text.length, 0);
  let objMax = 80;
  let krMax = 160;
  let table = build(objMax, krMax);
  while (chars(table) > TABLE_MAX_CHARS && krMax > 20) {
    objMax = Math.max(20, Math.floor(objMax * 0.75));
    krMax = Math.max(20, Math.floor(krMax * 0.75));
    table = build(objMax, krMax);
  }
  return {
    type: 'data_table',
    block_id: 'okr_quarter_table',
    caption: clip(
      `Key results of ${report.quarter}${report.team ? ` · ${report.team.name}` : ''}: baseline → final against target`,
      150,
    ),
    page_size: Math.min(Math.max(shown.length, 1), 10),
    row_header_column_index: 1,
    rows: table,
  } as KnownBlock;
}

function objectiveSection(o: ObjectiveReport): string {
  const head = `${VERDICT_ICON[o.verdict]} *${esc(clip(o.text, 500))}*\n${TYPE_LABEL[o.type]} · score *${o.scoreText}* · ${esc(o.verdictText)}`;
  if (!o.contributions) return head;
  const lines = o.contributions.map((c) => {
    const krs = c.keyResultIds
      .map((id) => o.keyResults.find((k) => k.id === id))
      .filter((k): k is KeyResultReport => k !== undefined)
      .map((k) => `${esc(clip(k.text, 120))} (${k.scoreText})`)
      .join('; ');
    return `   • _${esc(c.teamName)}_: ${krs}`;
  });
  return `${head}\nContributing teams and their key results (a shared result; no single scorer):\n${lines.join('\n')}`;
}

function carryOverActions(o: ObjectiveReport, label: string): ActionsBlock {
  const button: Button = {
    type: 'button',
    action_id: OKR_IDS.carryOverAction,
    text: { type: 'plain_text', text: clip(label, 75) },
    value: o.id,
  };
  return { type: 'actions', block_id: carryOverBlockId(o.id), elements: [button] };
}

const SCORES_CONTEXT =
  'Scores are per objective and key result, for learning and planning the next quarter; they are not a rating of anyone. Committed: 1.0 is expected. Aspirational: 0.7 or more is success for an aspirational OKR. Cross-team: a shared result.';

function reportTitle(report: QuarterReport): string {
  return `${report.quarter} closed${report.team ? ` · ${report.team.name}` : ''}`;
}

/** The blocks after the objectives: the key result table and the lists that have something in them. */
function reportTailBlocks(report: QuarterReport): KnownBlock[] {
  const table = keyResultTable(report);
  const tail: KnownBlock[] = [];
  if (table) tail.push(table);
  const krText = (t: string) => esc(clip(t, 200));
  if (report.moved.length > 0)
    tail.push(
      listSection(
        'What moved',
        report.moved.map((m) => `• ${krText(m.text)}: ${esc(m.line)}`),
      ),
    );
  if (report.notMoved.length > 0)
    tail.push(
      listSection(
        'What did not move',
        report.notMoved.map((m) => `• ${krText(m.text)}: ${esc(m.line)}`),
      ),
    );
  if (report.recurringBlockers.length > 0)
    tail.push(
      listSection(
        'Blockers that came up in two or more rounds',
        report.recurringBlockers.map(
          (b) =>
            `• ${krText(b.text)} (${b.rounds} rounds): ${b.blockers.map((x) => `“${esc(clip(x, 200))}”`).join(', ')}`,
        ),
      ),
    );
  if (report.watches.length > 0)
    tail.push(
      listSection(
        'KPI watch',
        report.watches.map((w) => `• ${esc(w.line)}`),
      ),
    );
  if (report.candidates.length > 0)
    tail.push(
      listSection(
        `Evidence for planning ${report.nextQuarter}`,
        report.candidates.map((c) => `• ${esc(c.line)}`),
      ),
    );
  return tail;
}

/**
 * One section per objective (and its "Carry over" button) while they fit in `budget` blocks; the rest are
 * counted in a closing line.
 */
function objectiveBlocks(report: QuarterReport, budget: number): KnownBlock[] {
  const carry = new Map(report.carryOvers.map((c) => [c.objectiveId, c]));
  const body: KnownBlock[] = [];
  let shown = 0;
  for (const o of report.objectives) {
    const c = carry.get(o.id);
    const need = c ? 2 : 1;
    if (body.length + need > budget) break;
    body.push(section(objectiveSection(o)));
    if (c) body.push(carryOverActions(o, c.label));
    shown++;
  }
  const rest = report.objectives.length - shown;
  if (rest > 0)
    body.push(
      context(
        `…and ${rest} more objective${rest === 1 ? '' : 's'}: run \`okrbot quarter close ${report.quarter}\` to see them all.`,
      ),
    );
  if (report.objectives.length === 0) body.push(section('_No objectives were closed._'));
  return body;
}

/** The notification text: the title, how many objectives were scored, and each one's score. */
function reportFallbackText(report: QuarterReport, title: string): string {
  const scores = report.objectives.map((o) => `${clip(o.text, 80)}: ${o.scoreText}`).join('; ');
  return esc(
    clip(
      `${title}: ${report.objectives.length} objective${report.objectives.length === 1 ? '' : 's'} scored. ${scores}`,
      3000,
    ),
  );
}

/**
 * The closed quarter's report for one team: each objective's type, score and verdict; the key results in
 * one data table; what moved and what did not; blockers that kept coming up; the KPI watch; KPIs that were
 * OKR candidates, as evidence for planning; and a "Carry over" button per unfinished objective. Within 50
 * blocks: objectives beyond what fits are counted, not dropped silently.
 */
export function quarterReportMessage(report: QuarterReport): SlackMessage {
  const title = reportTitle(report);
  const head: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(title, 150) } },
    context(SCORES_CONTEXT),
  ];
  const tail = reportTailBlocks(report);
  const body = objectiveBlocks(report, MAX_MESSAGE_BLOCKS - head.length - tail.length - 1);
  const blocks = [...head, ...body, ...tail].slice(0, MAX_MESSAGE_BLOCKS);
  return { text: reportFallbackText(report, title), blocks };
}

/** The DM to a team's lead the day after a quarter ends: "Close 2026Q4". */
export function closeQuarterPromptMessage(d: {
  quarter: string;
  teamName: string;
  teamKey: string;
  activeObjectives: number;
}): SlackMessage {
  const n = d.activeObjectives;
  return {
    text: esc(
      `${d.quarter} has ended: close it for ${d.teamName} to score its ${n} objective${n === 1 ? '' : 's'}`,
    ),
    blocks: [
      section(
        `:checkered_flag: *${d.quarter} has ended.* ${esc(d.teamName)} has ${n} active objective${n === 1 ? '' : 's'} from it.\nClosing scores each key result from its last check-in, grades each objective by its type, and sends the team's report. Unfinished objectives can be carried over.`,
      ),
      {
        type: 'actions',
        block_id: OKR_BLOCKS.closeActions,
        elements: [
          {
            type: 'button',
            style: 'primary',
            action_id: OKR_IDS.closeQuarterAction,
            text: { type: 'plain_text', text: `Close ${d.quarter}` },
            value: closeButtonValue(d.quarter, d.teamKey),
          },
        ],
      },
    ],
  };
}

/** The DM to a committed objective's owner when it closed below 1.0. */
export function shortfallMessage(d: {
  objectiveId: string;
  text: string;
  quarter: string;
  scoreText: string;
}): SlackMessage {
  return {
    text: esc(
      clip(
        `${d.quarter}: "${d.text}" closed at ${d.scoreText} of the 1.0 committed. What got in the way?`,
        3000,
      ),
    ),
    blocks: [
      section(
        `:memo: *${esc(clip(d.text, 500))}* closed at *${d.scoreText}* of the 1.0 committed for ${d.quarter}.\nA committed OKR below 1.0 needs an explanation: what got in the way? Only you and your team's lead will see your answer.`,
      ),
      {
        type: 'actions',
        block_id: OKR_BLOCKS.reflectActions,
        elements: [
          {
            type: 'button',
            action_id: OKR_IDS.reflectAction,
            text: { type: 'plain_text', text: 'What got in the way?' },
            value: d.objectiveId,
          },
        ],
      },
    ],
  };
}

/** The reflection modal; private_metadata is the objective id. */
export function reflectionModal(d: {
  objectiveId: string;
  text: string;
  scoreText: string;
  initial?: string;
}): ModalView {
  return {
    type: 'modal',
    callback_id: OKR_IDS.reflectionView,
    private_metadata: d.objectiveId,
    title: { type: 'plain_text', text: 'What got in the way?' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(`*${esc(clip(d.text, 500))}* closed at *${d.scoreText}* of the 1.0 committed.`),
      {
        type: 'input',
        block_id: OKR_BLOCKS.reflection,
        label: { type: 'plain_text', text: 'What got in the way, and what would you do differently?' },
        element: {
          type: 'plain_text_input',
          action_id: OKR_BLOCKS.reflectionText,
          multiline: true,
          max_length: 3000,
          ...(d.initial ? { initial_value: clip(d.initial, 3000) } : {}),
        },
        hint: { type: 'plain_text', text: 'Seen only by you and your team’s lead. It is not a rating.' },
      },
    ],
  };
}

/** The reflection as its team's lead reads it (a DM to the lead only). */
export function reflectionForLeadMessage(d: {
  authorSlackId: string;
  text: string;
  objectiveText: string;
  quarter: string;
}): SlackMessage {
  return {
    text: esc(clip(`Reflection on "${d.objectiveText}" (${d.quarter})`, 3000)),
    blocks: [
      section(
        `:memo: <@${d.authorSlackId}> answered *what got in the way* of *${esc(clip(d.objectiveText, 400))}* (${d.quarter}):`,
      ),
      section(`>${esc(clip(d.text, 2800)).replaceAll('\n', '\n>')}`),
      context('Only you and the objective’s owner see this.'),
    ],
  };
}
