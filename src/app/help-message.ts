import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn } from '../platform/slack/mrkdwn.js';

export interface CommandHelp {
  usage: string;
  what: string;
}

export const OKR_COMMANDS: CommandHelp[] = [
  {
    usage: '/okr draft [objective]',
    what: 'Write an objective and its key results, with live feedback as you type.',
  },
  {
    usage: '/okr lint <key result>',
    what: 'Check one key result: outcome or activity, baseline, target, deadline.',
  },
  { usage: '/okr list', what: "Show this channel's team objectives for the quarter." },
  { usage: '/okr pause until YYYY-MM-DD', what: 'Stop check-in prompts and nudges while you are away.' },
  { usage: '/okr resume', what: 'Start check-in prompts again.' },
  {
    usage: '/okr close-quarter [QUARTER]',
    what: "Close and grade this team's quarter (default: the one that ended last) and post the report.",
  },
  {
    usage: '/okr rollup [QUARTER]',
    what: 'Admins: every team at a glance (objectives, confidence, participation).',
  },
  {
    usage: '/okr export [QUARTER]',
    what: "Admins: the quarter's objectives, key results, check-ins, KPI readings and alerts (default: this quarter), sent to your DM as a zip of CSV files and a JSON document.",
  },
  { usage: '/okr help', what: 'Show this help.' },
];

export const KPI_COMMANDS: CommandHelp[] = [
  { usage: '/kpi list', what: 'Your KPIs and their state.' },
  { usage: '/kpi show KEY', what: 'Last readings with a sparkline, the range and open alerts.' },
  {
    usage: '/kpi log KEY VALUE [DATE]',
    what: 'Record a reading for the period that contains DATE (default: today).',
  },
  { usage: '/kpi add', what: 'Register a KPI: owner, range, alert threshold and response protocol.' },
  { usage: '/kpi edit KEY', what: 'Change a KPI.' },
  { usage: '/kpi help', what: 'Show this help.' },
];

const linesOf = new WeakMap<CommandHelp[], string>();

/** The commands, one line each (worked out once per list: `/okr help` is asked often and never changes). */
function commandLines(commands: CommandHelp[]): string {
  let lines = linesOf.get(commands);
  if (lines === undefined) {
    lines = commands.map((c) => `\`${escapeMrkdwn(c.usage)}\`  ${escapeMrkdwn(c.what)}`).join('\n');
    linesOf.set(commands, lines);
  }
  return lines;
}

/** An ephemeral help message; `problem` explains what was wrong with the command typed, if anything. */
export function helpMessage(
  title: string,
  commands: CommandHelp[],
  problem?: string,
): { text: string; blocks: KnownBlock[] } {
  const lines = commandLines(commands);
  const blocks: KnownBlock[] = [];
  if (problem) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `:warning: ${problem}` } });
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${title}*\n${lines}` } });
  return { text: problem ? `${problem}\n${title}` : title, blocks };
}
